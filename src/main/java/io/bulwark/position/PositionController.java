package io.bulwark.position;

import io.bulwark.web.EngineClient;
import io.bulwark.web.security.Caller;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Trader: the caller's open positions, current state from the engine, in market order. */
@RestController
@RequestMapping("/api/v1/positions")
class PositionController {
    private final EngineClient engine;

    PositionController(EngineClient engine) {
        this.engine = engine;
    }

    @GetMapping
    List<PositionResponse> positions(@AuthenticationPrincipal Caller caller) {
        return engine.query(view -> view.positions(caller.accountId()).stream()
                .map(PositionResponse::of)
                .toList());
    }
}
