package io.bulwark.liquidation;

import io.bulwark.engine.command.ResumeLiquidations;
import io.bulwark.web.ApiException;
import io.bulwark.web.EngineClient;
import io.bulwark.web.security.Caller;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Admin: every account's liquidations, and resuming liquidations after the circuit breaker tripped. */
@RestController
@RequestMapping("/api/v1/admin/liquidations")
class AdminLiquidationController {
    private final LiquidationHistory history;
    private final EngineClient engine;

    AdminLiquidationController(LiquidationHistory history, EngineClient engine) {
        this.history = history;
        this.engine = engine;
    }

    @GetMapping
    List<LiquidationResponse> liquidations(
            @RequestParam(required = false) String account,
            @RequestParam(required = false) String market,
            @RequestParam(defaultValue = "" + LiquidationHistory.DEFAULT_LIMIT)
                    @Min(1)
                    @Max(LiquidationHistory.MAX_LIMIT)
                    int limit,
            @RequestParam(required = false) String before) {
        return history.page(account, market, limit, before);
    }

    /**
     * Resumes liquidations and triggers in {@code market}, or in every paused market without it. 404
     * UNKNOWN_MARKET for a market that does not exist; 409 INVALID_TRANSITION when nothing in scope is
     * paused.
     */
    @PostMapping("/resume")
    LiquidationsStatusResponse resume(
            @AuthenticationPrincipal Caller caller, @RequestParam(required = false) String market) {
        if (market != null && market.isBlank()) {
            throw ApiException.badRequest("market must name a market, or be left out to resume every market");
        }
        engine.apply(new ResumeLiquidations(caller.actor(), market), caller.actor());
        return engine.query(view -> LiquidationsStatusResponse.of(view.status(), view.lastSequence()));
    }
}
