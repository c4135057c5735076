package io.bulwark.system;

import io.bulwark.engine.command.ChangeTradingState;
import io.bulwark.engine.state.TradingState;
import io.bulwark.recovery.IntegrityReport;
import io.bulwark.recovery.IntegrityService;
import io.bulwark.web.ApiException;
import io.bulwark.web.EngineClient;
import io.bulwark.web.security.Caller;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin: move the exchange or one market between CLOSED, POST_ONLY and OPEN (SPEC section 8). The
 * engine applies the transition table; the answer is the status after the change. Leaving CLOSED
 * without force first runs every integrity check and is refused (409 INVALID_TRANSITION) while one fails.
 */
@RestController
@RequestMapping("/api/v1/admin")
class AdminStateController {
    private final EngineClient engine;
    private final StatusService status;
    private final IntegrityService integrity;

    AdminStateController(EngineClient engine, StatusService status, IntegrityService integrity) {
        this.engine = engine;
        this.status = status;
        this.integrity = integrity;
    }

    @PutMapping("/exchange/state")
    StatusResponse exchange(@AuthenticationPrincipal Caller caller, @Valid @RequestBody StateChangeRequest request) {
        return change(ChangeTradingState.EXCHANGE, caller, request);
    }

    @PutMapping("/markets/{market}/state")
    StatusResponse market(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String market,
            @Valid @RequestBody StateChangeRequest request) {
        return change(market, caller, request);
    }

    private StatusResponse change(String scope, Caller caller, StateChangeRequest request) {
        if (request.state() != TradingState.CLOSED && !request.forced() && closed(scope)) {
            // Leaving CLOSED needs every integrity check of SPEC section 9, the side replay and the read
            // models included; the engine itself re-checks what it can see (ledger, prices) on the way.
            IntegrityReport report = integrity.run();
            if (!report.ok()) {
                throw new ApiException(
                        HttpStatus.CONFLICT,
                        "INVALID_TRANSITION",
                        "CLOSED -> " + request.state() + ": integrity checks fail: " + report.failures()
                                + " (force to override)");
            }
        }
        engine.apply(
                new ChangeTradingState(scope, request.state(), request.reason(), caller.actor(), request.forced()),
                caller.actor());
        return status.status();
    }

    private boolean closed(String scope) {
        return engine.query(view -> scope.equals(ChangeTradingState.EXCHANGE)
                ? view.status().state() == TradingState.CLOSED
                : view.market(scope).map(m -> m.state() == TradingState.CLOSED).orElse(false));
    }
}
