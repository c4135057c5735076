package io.bulwark.web.security;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token buckets of one size, one per key (an API key id or a client network), at most {@code maxBuckets} of
 * them. A bucket that is full again is dropped when the map is full and at least once a minute: a full bucket
 * is the same as a new one, so dropping it forgets nothing. While the map is still full, keys without a bucket
 * share one overflow bucket: memory stays bounded, and so does what all those keys together may send.
 */
final class TokenBuckets {
    private static final long SWEEP_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final long FULL_SWEEP_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);
    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    private final long perSecond;
    private final long capacity;
    private final int maxBuckets;
    private final TimeMeter clock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Bucket overflow;
    private final AtomicLong lastSweep;

    /** What one request was told: whether it may go on, and the {@code RateLimit-*} figures for its answer. */
    record Verdict(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {}

    TokenBuckets(long perSecond, long capacity, int maxBuckets, TimeMeter clock) {
        this.perSecond = perSecond;
        this.capacity = capacity;
        this.maxBuckets = maxBuckets;
        this.clock = clock;
        this.overflow = newBucket();
        this.lastSweep = new AtomicLong(clock.currentTimeNanos());
    }

    /** Takes one token from {@code key}'s bucket. */
    Verdict take(String key) {
        return take(key, 1);
    }

    /** Takes {@code tokens} tokens from {@code key}'s bucket, all or none. */
    Verdict take(String key, long tokens) {
        ConsumptionProbe probe = bucket(key).tryConsumeAndReturnRemaining(tokens);
        long remaining = probe.getRemainingTokens();
        long missing = capacity - remaining;
        // Whole seconds, rounded up: after that long the bucket is full again (RateLimit-Reset), or has a token.
        long reset = (missing + perSecond - 1) / perSecond;
        long retryAfter = probe.isConsumed() ? 0 : Math.max(1, ceilSeconds(probe.getNanosToWaitForRefill()));
        return new Verdict(probe.isConsumed(), capacity, remaining, reset, retryAfter);
    }

    int size() {
        return buckets.size();
    }

    private Bucket bucket(String key) {
        Bucket bucket = buckets.get(key);
        if (bucket != null) {
            return bucket;
        }
        long now = clock.currentTimeNanos();
        boolean full = buckets.size() >= maxBuckets;
        if (full || now - lastSweep.get() > SWEEP_EVERY_NANOS) {
            sweep(now, full ? FULL_SWEEP_EVERY_NANOS : SWEEP_EVERY_NANOS);
        }
        if (buckets.size() >= maxBuckets) {
            bucket = buckets.get(key);
            return bucket != null ? bucket : overflow;
        }
        return buckets.computeIfAbsent(key, k -> newBucket());
    }

    /** At most one sweep per {@code every}: under a flood it would otherwise run on every request. */
    private void sweep(long now, long every) {
        long last = lastSweep.get();
        if (now - last < every || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        buckets.values().removeIf(b -> b.getAvailableTokens() >= capacity);
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(capacity).refillGreedy(perSecond, Duration.ofSeconds(1)))
                .withCustomTimePrecision(clock)
                .build();
    }

    private static long ceilSeconds(long nanos) {
        return (nanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND;
    }
}
