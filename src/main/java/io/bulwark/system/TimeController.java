package io.bulwark.system;

import io.bulwark.journal.EngineGateway;
import io.bulwark.journal.EngineUnavailableException;
import io.bulwark.journal.NotWriterException;
import java.time.Instant;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Public: the server's clock, for clients that sign or schedule against it, and the engine's, which decides
 * expiries and the dead man's switch (SPEC section 10 v2).
 */
@RestController
@RequestMapping("/api/v1/system/time")
class TimeController {
    private final EngineGateway gateway;

    TimeController(EngineGateway gateway) {
        this.gateway = gateway;
    }

    /**
     * @param time the server's clock now (ISO-8601, UTC)
     * @param epochMillis the same instant in milliseconds since the epoch
     * @param engineTime the engine time of the last committed command (it advances with every command and the
     *     engine's tick); null on a standby, while recovering, or before the first command
     * @param engineEpochMillis the same in milliseconds since the epoch
     */
    record SystemTime(Instant time, long epochMillis, Instant engineTime, Long engineEpochMillis) {}

    @GetMapping
    SystemTime time() {
        long now = System.currentTimeMillis();
        Long engine = engineClock();
        return new SystemTime(
                Instant.ofEpochMilli(now), now, engine == null ? null : Instant.ofEpochMilli(engine), engine);
    }

    private Long engineClock() {
        try {
            long clock = gateway.publicView().clock();
            return clock > 0 ? clock : null;
        } catch (NotWriterException | EngineUnavailableException e) {
            return null;
        }
    }
}
