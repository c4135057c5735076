package io.bulwark.oracle;

import io.bulwark.engine.command.ReanchorOracle;
import io.bulwark.engine.command.SetOracleSourceState;
import io.bulwark.engine.event.OracleReanchored;
import io.bulwark.engine.event.OracleSourceStateChanged;
import io.bulwark.engine.event.Outcome;
import io.bulwark.web.EngineClient;
import io.bulwark.web.security.Caller;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Admin: the oracle's sources and re-anchoring (SPEC section 6). Every act is a journaled command with
 * the admin's key as actor and the reason given. Same state again: 409 INVALID_TRANSITION; a market
 * without a fresh active source to re-anchor to: 409 NO_FRESH_SOURCE.
 */
@RestController
class AdminOracleController {
    private final EngineClient engine;

    AdminOracleController(EngineClient engine) {
        this.engine = engine;
    }

    @GetMapping("/api/v1/admin/oracle/sources")
    OracleSourcesResponse sources() {
        return engine.query(view -> OracleSourcesResponse.of(view.clock(), view.markets(), view.oracleSources()));
    }

    @PutMapping("/api/v1/admin/oracle/sources/{source}")
    SourceStateResponse setState(
            @AuthenticationPrincipal Caller caller,
            @PathVariable @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9_.:-]+") String source,
            @Valid @RequestBody SourceStateRequest request) {
        Outcome.Applied applied = engine.apply(
                new SetOracleSourceState(source, request.state(), request.reason(), caller.actor()), caller.actor());
        OracleSourceStateChanged changed = EngineClient.event(applied, OracleSourceStateChanged.class);
        return new SourceStateResponse(
                changed.source(),
                changed.from(),
                changed.to(),
                changed.reason(),
                changed.actor(),
                applied.sequence(),
                EngineClient.events(applied, OracleReanchored.class).stream()
                        .map(r -> ReanchorResponse.of(applied.sequence(), r))
                        .toList());
    }

    @PostMapping("/api/v1/admin/markets/{market}/oracle/reanchor")
    ReanchorResponse reanchor(
            @AuthenticationPrincipal Caller caller,
            @PathVariable String market,
            @Valid @RequestBody ReanchorRequest request) {
        Outcome.Applied applied =
                engine.apply(new ReanchorOracle(market, request.reason(), caller.actor()), caller.actor());
        return ReanchorResponse.of(applied.sequence(), EngineClient.event(applied, OracleReanchored.class));
    }
}
