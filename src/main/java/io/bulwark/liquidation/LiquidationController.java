package io.bulwark.liquidation;

import io.bulwark.web.security.Caller;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Trader: the caller's own liquidations, newest first (history, from the read model). */
@RestController
class LiquidationController {
    private final LiquidationHistory history;

    LiquidationController(LiquidationHistory history) {
        this.history = history;
    }

    @GetMapping("/api/v1/liquidations")
    List<LiquidationResponse> liquidations(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) String market,
            @RequestParam(defaultValue = "" + LiquidationHistory.DEFAULT_LIMIT)
                    @Min(1)
                    @Max(LiquidationHistory.MAX_LIMIT)
                    int limit,
            @RequestParam(required = false) String before) {
        return history.page(caller.accountId(), market, limit, before);
    }
}
