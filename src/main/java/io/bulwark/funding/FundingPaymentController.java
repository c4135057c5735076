package io.bulwark.funding;

import io.bulwark.web.security.Caller;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Trader: the caller's own funding payments, newest first (history, from the read model). */
@RestController
@RequestMapping("/api/v1/funding-payments")
class FundingPaymentController {
    private final FundingQueries queries;

    FundingPaymentController(FundingQueries queries) {
        this.queries = queries;
    }

    @GetMapping
    List<FundingPaymentResponse> payments(
            @AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) String market,
            @RequestParam(defaultValue = "" + FundingQueries.DEFAULT_LIMIT) @Min(1) @Max(FundingQueries.MAX_LIMIT)
                    int limit,
            @RequestParam(required = false) String before) {
        return queries.payments(caller.accountId(), market, limit, before);
    }
}
