package io.bulwark.funding;

import io.bulwark.engine.command.ResumeFunding;
import io.bulwark.web.EngineClient;
import io.bulwark.web.security.Caller;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin: restarts funding in a market the write-time guard halted (after checking its prices). 409
 * INVALID_TRANSITION when it is not halted, 404 UNKNOWN_MARKET when there is no such market.
 */
@RestController
class AdminFundingController {
    private final EngineClient engine;
    private final FundingQueries queries;

    AdminFundingController(EngineClient engine, FundingQueries queries) {
        this.engine = engine;
        this.queries = queries;
    }

    @PostMapping("/api/v1/admin/markets/{market}/funding/resume")
    MarketFundingResponse resume(@AuthenticationPrincipal Caller caller, @PathVariable String market) {
        engine.apply(new ResumeFunding(market, caller.actor()), caller.actor());
        return MarketFundingResponse.of(market, queries.funding(market), List.of());
    }
}
