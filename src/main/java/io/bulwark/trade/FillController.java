package io.bulwark.trade;

import io.bulwark.web.security.Caller;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Trader: the caller's own fills, newest first (history, from the read model). */
@RestController
@RequestMapping("/api/v1/fills")
class FillController {
    private final Fills fills;

    FillController(Fills fills) {
        this.fills = fills;
    }

    @GetMapping
    ResponseEntity<List<FillResponse>> fills(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) String market,
            @RequestParam(defaultValue = "" + Fills.DEFAULT_LIMIT) @Min(1) @Max(Fills.MAX_LIMIT) int limit,
            @RequestParam(required = false) String before) {
        return fills.page(caller.accountId(), market, limit, before).response();
    }
}
