package io.bulwark.web.security;

import io.bulwark.engine.account.Role;
import io.bulwark.web.ProblemWriter;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * One token bucket per API key: a request over the key's limit is answered 429 {@code RATE_LIMITED} with
 * {@code Retry-After} (whole seconds until a token is back) and goes no further, so it never reaches the
 * engine. Runs after Spring Security: only requests that authenticated and passed the role check count.
 * Anonymous requests (public market data, status, health) are not limited here: they are read-only,
 * never reach the engine thread, and behind a proxy the client address is the proxy's, so they are
 * better limited at the edge.
 *
 * <p>Buckets live in memory, keyed by account for TRADER keys (all of an account's keys share one) and by
 * key id for the others, so there is at most one per account or issued key. They start full
 * on every start and are not shared between instances; only the writer serves requests anyway.
 */
class RateLimitFilter extends OncePerRequestFilter {
    private final RateLimitProperties properties;
    private final ProblemWriter problems;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimitFilter(RateLimitProperties properties, ProblemWriter problems) {
        this.properties = properties;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof Caller caller)) {
            chain.doFilter(request, response);
            return;
        }
        ConsumptionProbe probe =
                buckets.computeIfAbsent(bucketOf(caller), id -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds(probe)));
        problems.write(
                request,
                response,
                HttpStatus.TOO_MANY_REQUESTS,
                "RATE_LIMITED",
                "this API key sent more than " + properties.requestsPerSecond() + " requests per second (burst "
                        + properties.burst() + "); retry after Retry-After seconds");
    }

    /**
     * A trader's keys share their account's bucket: an account may hold several keys (SPEC section 10 v2),
     * and more keys must not mean more requests. ADMIN and ORACLE keys each have their own.
     */
    private static String bucketOf(Caller caller) {
        return caller.role() == Role.TRADER ? "account:" + caller.accountId() : caller.keyId();
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(properties.burst())
                        .refillGreedy(properties.requestsPerSecond(), Duration.ofSeconds(1)))
                .build();
    }

    /** Rounded up, and at least 1: a client that waits this long finds a token. */
    private static long retryAfterSeconds(ConsumptionProbe probe) {
        long nanos = probe.getNanosToWaitForRefill();
        return Math.max(1, (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
    }
}
