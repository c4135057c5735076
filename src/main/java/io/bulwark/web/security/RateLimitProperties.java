package io.bulwark.web.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-API-key request limits ({@code bulwark.rate-limit.*}). The defaults are far above what a trading
 * UI or a well-behaved bot sends; they stop a runaway client from starving everyone else of the one
 * engine thread.
 *
 * @param enabled false lets every authenticated request through (benchmarks, trusted deployments)
 * @param requestsPerSecond sustained requests per second one key may send (the bucket's refill rate)
 * @param burst requests one key may send at once after a quiet period (the bucket's capacity)
 */
@ConfigurationProperties("bulwark.rate-limit")
record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("200") long requestsPerSecond,
        @DefaultValue("400") long burst) {

    RateLimitProperties {
        if (requestsPerSecond < 1 || burst < 1) {
            throw new IllegalArgumentException(
                    "bulwark.rate-limit.requests-per-second and burst must be at least 1 (set enabled=false to turn"
                            + " the limit off)");
        }
    }
}
