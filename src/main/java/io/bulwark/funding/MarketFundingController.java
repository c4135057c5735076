package io.bulwark.funding;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Public: a market's funding rate and index now, and its settled rates. */
@RestController
class MarketFundingController {
    private final FundingQueries queries;

    MarketFundingController(FundingQueries queries) {
        this.queries = queries;
    }

    @GetMapping("/api/v1/markets/{market}/funding")
    MarketFundingResponse funding(
            @PathVariable String market,
            @RequestParam(defaultValue = "" + FundingQueries.DEFAULT_LIMIT) @Min(1) @Max(FundingQueries.MAX_LIMIT)
                    int limit,
            @RequestParam(required = false) String before) {
        return queries.market(market, limit, before);
    }
}
