package io.bulwark.order;

import io.bulwark.engine.command.ArmCancelAfter;
import io.bulwark.web.EngineClient;
import io.bulwark.web.security.Caller;
import jakarta.validation.Valid;
import java.util.OptionalLong;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Trader: the dead man's switch (SPEC section 10 v2). Arming is a journaled engine command for the key's own
 * account; the deadline is the command's engine timestamp plus the seconds, and the engine fires it.
 */
@RestController
@RequestMapping("/api/v1/orders/cancel-after")
class CancelAfterController {
    private final EngineClient engine;

    CancelAfterController(EngineClient engine) {
        this.engine = engine;
    }

    /** Arms (1 to 600 seconds) or disarms (0) the switch; answers the deadline after the journal commit. */
    @PostMapping
    CancelAfterResponse arm(@AuthenticationPrincipal Caller caller, @Valid @RequestBody CancelAfterRequest request) {
        int seconds = request.seconds();
        var applied = engine.apply(new ArmCancelAfter(caller.accountId(), seconds), caller.actor());
        return CancelAfterResponse.of(
                seconds == 0 ? OptionalLong.empty() : OptionalLong.of(applied.timestamp() + seconds * 1000L));
    }

    /** The armed deadline, if any. */
    @GetMapping
    CancelAfterResponse get(@AuthenticationPrincipal Caller caller) {
        return CancelAfterResponse.of(engine.query(view -> view.cancelAfterDeadline(caller.accountId())));
    }
}
