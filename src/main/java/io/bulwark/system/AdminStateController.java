package io.bulwark.system;

import io.bulwark.engine.command.ChangeTradingState;
import io.bulwark.web.EngineClient;
import io.bulwark.web.security.Caller;
import jakarta.validation.Valid;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin: move the exchange or one market between CLOSED, POST_ONLY and OPEN (SPEC section 8). The
 * engine applies the transition table; the answer is the status after the change.
 */
@RestController
@RequestMapping("/api/v1/admin")
class AdminStateController {
    private final EngineClient engine;
    private final StatusService status;

    AdminStateController(EngineClient engine, StatusService status) {
        this.engine = engine;
        this.status = status;
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
        engine.apply(
                new ChangeTradingState(scope, request.state(), request.reason(), caller.actor(), request.forced()),
                caller.actor());
        return status.status();
    }
}
