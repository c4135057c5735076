package io.bulwark.web.security;

import io.bulwark.web.ApiException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Charges a request that does the work of several (a batch of n orders) the tokens those requests would
 * have cost: {@link RateLimitFilter} took one when it let the request in, this takes the other n - 1 from the
 * same bucket, all or none. A batch over the caller's remaining tokens is refused whole (429 {@code
 * RATE_LIMITED}, nothing applied), so a batch never buys more than single requests would.
 */
@Component
public class RequestCharges {
    private final RateLimits limits;

    RequestCharges(RateLimits limits) {
        this.limits = limits;
    }

    /**
     * Takes {@code requests - 1} more tokens for {@code caller}, updating the answer's {@code RateLimit-*}
     * headers; throws 429 {@code RATE_LIMITED} (with {@code Retry-After}) when the bucket has too few.
     */
    public void charge(Caller caller, int requests, HttpServletResponse response) {
        if (!limits.enabled() || requests <= 1) {
            return;
        }
        TokenBuckets.Verdict verdict = limits.forKey(RateLimitFilter.bucketOf(caller), requests - 1L);
        response.setHeader(RateLimitFilter.REMAINING, Long.toString(verdict.remaining()));
        response.setHeader(RateLimitFilter.RESET, Long.toString(verdict.resetSeconds()));
        if (!verdict.allowed()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(verdict.retryAfterSeconds()));
            throw batchRefused(requests, verdict);
        }
    }

    /**
     * For a request that did not pass {@link RateLimitFilter} (a WebSocket order op): takes the one token the filter
     * takes, from the same bucket; 429 {@code RATE_LIMITED} when there is none (the detail says when to retry, as
     * there are no headers).
     */
    public void chargeRequest(Caller caller) {
        if (!limits.enabled()) {
            return;
        }
        TokenBuckets.Verdict verdict = limits.forKey(RateLimitFilter.bucketOf(caller));
        if (!verdict.allowed()) {
            throw new ApiException(
                    HttpStatus.TOO_MANY_REQUESTS,
                    "RATE_LIMITED",
                    "this API key sent more than " + limits.keyLimit() + "; retry after " + verdict.retryAfterSeconds()
                            + " seconds");
        }
    }

    /** {@link #charge} without an HTTP answer: takes {@code requests - 1} more tokens, all or none, or throws 429. */
    public void chargeMore(Caller caller, int requests) {
        if (!limits.enabled() || requests <= 1) {
            return;
        }
        TokenBuckets.Verdict verdict = limits.forKey(RateLimitFilter.bucketOf(caller), requests - 1L);
        if (!verdict.allowed()) {
            throw batchRefused(requests, verdict);
        }
    }

    private ApiException batchRefused(int requests, TokenBuckets.Verdict verdict) {
        return new ApiException(
                HttpStatus.TOO_MANY_REQUESTS,
                "RATE_LIMITED",
                "this batch costs " + requests + " requests and this API key has " + (verdict.remaining() + 1)
                        + " left (" + limits.keyLimit() + "); retry after Retry-After seconds");
    }
}
