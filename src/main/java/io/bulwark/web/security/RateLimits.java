package io.bulwark.web.security;

import io.github.bucket4j.TimeMeter;

/**
 * The request limits: a bucket per API key, and a bucket per client network ({@link ClientNetwork}) for requests
 * without a valid key. Buckets live in memory: they start full on every start and are not shared between
 * instances (only the writer serves requests anyway).
 */
final class RateLimits {
    private final RateLimitProperties properties;
    private final TokenBuckets keys;
    private final TokenBuckets addresses;

    RateLimits(RateLimitProperties properties, TimeMeter clock) {
        this.properties = properties;
        // At most one bucket per issued key; full ones are dropped too, so idle keys cost nothing.
        this.keys = new TokenBuckets(properties.requestsPerSecond(), properties.burst(), Integer.MAX_VALUE, clock);
        this.addresses = new TokenBuckets(
                properties.anonymousRequestsPerSecond(),
                properties.anonymousBurst(),
                properties.maxTrackedAddresses(),
                clock);
    }

    boolean enabled() {
        return properties.enabled();
    }

    TokenBuckets.Verdict forKey(String keyId) {
        return keys.take(keyId);
    }

    TokenBuckets.Verdict forKey(String keyId, long tokens) {
        return keys.take(keyId, tokens);
    }

    TokenBuckets.Verdict forAddress(String clientAddress) {
        return addresses.take(ClientNetwork.of(clientAddress));
    }

    String keyLimit() {
        return properties.requestsPerSecond() + " requests per second (burst " + properties.burst() + ")";
    }

    String addressLimit() {
        return properties.anonymousRequestsPerSecond() + " requests per second (burst " + properties.anonymousBurst()
                + ")";
    }
}
