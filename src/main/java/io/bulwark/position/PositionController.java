package io.bulwark.position;

import io.bulwark.engine.EngineView;
import io.bulwark.web.EngineClient;
import io.bulwark.web.Sequenced;
import io.bulwark.web.security.Caller;
import java.util.List;
import org.springframework.http.ResponseEntity;
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
    ResponseEntity<List<PositionResponse>> positions(@AuthenticationPrincipal Caller caller) {
        return engine.query(view -> new Sequenced<>(positions(view, caller.accountId()), view.lastSequence()))
                .response();
    }

    /** The account's positions as {@code view} has them. */
    static List<PositionResponse> positions(EngineView view, String accountId) {
        return view.positions(accountId).stream().map(PositionResponse::of).toList();
    }
}
