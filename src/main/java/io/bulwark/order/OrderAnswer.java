package io.bulwark.order;

import io.bulwark.web.ApiException;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The answer to one order operation as REST gives it: the HTTP status and either the value (an order, the
 * cancelled orders) or the problem. The single endpoints answer it as the response, a batch as one of its
 * results, and a WebSocket order entry as its {@code result} message: one answer, whichever way it is asked.
 */
public record OrderAnswer<T>(int status, T value, ApiException problem) {

    static <T> OrderAnswer<T> of(int status, T value) {
        return new OrderAnswer<>(status, value, null);
    }

    static <T> OrderAnswer<T> refused(ApiException problem) {
        return new OrderAnswer<>(problem.status().value(), null, problem);
    }

    /** Runs {@code call}: its value with {@code status}, or the refusal it threw (any other failure propagates). */
    static <T> OrderAnswer<T> of(int status, Supplier<T> call) {
        try {
            return of(status, call.get());
        } catch (ApiException e) {
            return refused(e);
        }
    }

    /** The same answer with its value mapped (a problem stays as it is). */
    <U> OrderAnswer<U> map(Function<T, U> mapping) {
        return problem != null ? refused(problem) : of(status, mapping.apply(value));
    }

    /** The body as JSON: the value, or the problem (problem+json fields with its {@code code}). */
    public Object body() {
        return problem != null ? problem.problem() : value;
    }

    /** The value, or the refusal thrown: for a REST endpoint, where the exception handler renders it. */
    public T orThrow() {
        if (problem != null) {
            throw problem;
        }
        return value;
    }
}
