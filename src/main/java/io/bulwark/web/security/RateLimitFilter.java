package io.bulwark.web.security;

import io.bulwark.engine.account.Role;
import io.bulwark.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Takes a token for every request: from its API key's bucket when the key is valid, else from its client
 * address's bucket ({@link ClientAddress}), so public reads and requests that end in 401 are limited too. Runs
 * inside Spring Security, after the key is known and before the authorization check: a request over its limit
 * is answered 429 {@code RATE_LIMITED} with {@code Retry-After} and goes no further (it never reaches the
 * engine), and every answer, 2xx to 401, 403 and 429, carries the bucket's {@code RateLimit-Limit} (its
 * capacity), {@code RateLimit-Remaining} (tokens left) and {@code RateLimit-Reset} (seconds until it is full
 * again), as in the IETF draft "RateLimit header fields for HTTP".
 *
 * <p>A TRADER caller spends its account's bucket (all of an account's keys share one: more keys must not
 * mean more requests); ADMIN and ORACLE keys each have their own.
 */
final class RateLimitFilter extends OncePerRequestFilter {
    static final String LIMIT = "RateLimit-Limit";
    static final String REMAINING = "RateLimit-Remaining";
    static final String RESET = "RateLimit-Reset";

    private final RateLimits limits;
    private final ClientAddress clientAddress;
    private final ProblemWriter problems;

    RateLimitFilter(RateLimits limits, ClientAddress clientAddress, ProblemWriter problems) {
        this.limits = limits;
        this.clientAddress = clientAddress;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!limits.enabled()) {
            chain.doFilter(request, response);
            return;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        boolean keyed = authentication != null && authentication.getPrincipal() instanceof Caller;
        TokenBuckets.Verdict verdict = keyed
                ? limits.forKey(bucketOf((Caller) authentication.getPrincipal()))
                : limits.forAddress(clientAddress.of(request));
        response.setHeader(LIMIT, Long.toString(verdict.limit()));
        response.setHeader(REMAINING, Long.toString(verdict.remaining()));
        response.setHeader(RESET, Long.toString(verdict.resetSeconds()));
        if (verdict.allowed()) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(verdict.retryAfterSeconds()));
        String who = keyed
                ? "this API key sent more than " + limits.keyLimit()
                : "this address sent more than " + limits.addressLimit() + " without a valid API key";
        problems.write(
                request,
                response,
                HttpStatus.TOO_MANY_REQUESTS,
                "RATE_LIMITED",
                who + "; retry after Retry-After seconds");
    }

    /** A trader's keys share their account's bucket; ADMIN and ORACLE keys each have their own. */
    static String bucketOf(Caller caller) {
        return caller.role() == Role.TRADER ? "account:" + caller.accountId() : caller.keyId();
    }
}
