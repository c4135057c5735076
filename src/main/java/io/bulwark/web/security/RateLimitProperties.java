package io.bulwark.web.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Request limits ({@code bulwark.rate-limit.*}): one token bucket per API key, and one per client address
 * ({@link ClientNetwork}) for requests without a valid key. The per-key defaults are far above what a trading UI
 * or a well-behaved bot sends; they stop a runaway client from starving everyone else of the one engine thread.
 *
 * @param enabled false lets every request through and sends no {@code RateLimit-*} headers (benchmarks)
 * @param requestsPerSecond sustained requests per second one key may send (the bucket's refill rate)
 * @param burst requests one key may send at once after a quiet period (the bucket's capacity)
 * @param anonymousRequestsPerSecond sustained requests per second one client address may send without a valid key
 *     (public reads, and requests whose key is missing, unknown or revoked)
 * @param anonymousBurst the same address's bucket capacity
 * @param maxTrackedAddresses addresses with a bucket of their own at once; past it, buckets that are full again
 *     are dropped, and while none is, new addresses share one bucket (memory stays bounded under a flood of
 *     addresses)
 */
@ConfigurationProperties("bulwark.rate-limit")
record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("200") long requestsPerSecond,
        @DefaultValue("400") long burst,
        @DefaultValue("20") long anonymousRequestsPerSecond,
        @DefaultValue("40") long anonymousBurst,
        @DefaultValue("100000") int maxTrackedAddresses) {

    RateLimitProperties {
        if (requestsPerSecond < 1 || burst < 1 || anonymousRequestsPerSecond < 1 || anonymousBurst < 1) {
            throw new IllegalArgumentException("bulwark.rate-limit.requests-per-second, burst,"
                    + " anonymous-requests-per-second and anonymous-burst must be at least 1 (set enabled=false to"
                    + " turn the limits off)");
        }
        if (maxTrackedAddresses < 1) {
            throw new IllegalArgumentException("bulwark.rate-limit.max-tracked-addresses must be at least 1");
        }
    }
}
