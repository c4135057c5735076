package io.bulwark.oracle;

import io.bulwark.engine.oracle.Reanchor;
import io.bulwark.engine.oracle.ReanchorCause;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

/** The last time a market's index was set outside the jump limits (status, admin oracle view). */
public record LastReanchor(Instant time, BigDecimal fromPrice, BigDecimal toPrice, ReanchorCause cause) {

    /** Null when the market's index was never re-anchored. */
    public static LastReanchor of(Optional<Reanchor> reanchor) {
        return reanchor.map(
                        r -> new LastReanchor(Instant.ofEpochMilli(r.time()), r.fromPrice(), r.toPrice(), r.cause()))
                .orElse(null);
    }
}
