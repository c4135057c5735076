package io.bulwark.web;

import io.bulwark.engine.command.Rejection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A request that cannot be served, with the HTTP status and the machine-readable {@code code} of the
 * problem+json answer. Thrown by controllers and services; rendered by {@link ApiExceptionHandler}.
 */
public class ApiException extends RuntimeException {
    /** One invalid field of a request body, listed under the problem's {@code errors}. */
    public record FieldProblem(String field, String message) {}

    private final HttpStatus status;
    private final String code;
    private final List<FieldProblem> errors;

    public ApiException(HttpStatus status, String code, String detail) {
        this(status, code, detail, List.of());
    }

    private ApiException(HttpStatus status, String code, String detail, List<FieldProblem> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.code = code;
        this.errors = List.copyOf(errors);
    }

    /**
     * 400 {@code VALIDATION_FAILED} for fields that broke their constraints: the same problem Spring's own
     * {@code @Valid} check of a request body answers (sorted by field, detail "field: message; ...").
     */
    public static ApiException invalidFields(List<FieldProblem> errors) {
        List<FieldProblem> sorted = errors.stream()
                .sorted(Comparator.comparing(FieldProblem::field))
                .toList();
        String detail = sorted.stream().map(e -> e.field() + ": " + e.message()).collect(Collectors.joining("; "));
        return new ApiException(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", detail, sorted);
    }

    public static ApiException badRequest(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "VALIDATION_FAILED", detail);
    }

    public static ApiException notFound(String code, String detail) {
        return new ApiException(HttpStatus.NOT_FOUND, code, detail);
    }

    /** The HTTP answer to an engine refusal (SPEC section 10). */
    public static ApiException of(Rejection rejection) {
        return new ApiException(statusOf(rejection.code()), codeOf(rejection.code()), rejection.message());
    }

    /** Exhaustive on purpose: a new engine code does not compile until it has its HTTP status. */
    static HttpStatus statusOf(Rejection.Code code) {
        return switch (code) {
            case VALIDATION_FAILED, INVALID_PRICE, INVALID_SIZE -> HttpStatus.BAD_REQUEST;
            case UNKNOWN_MARKET, UNKNOWN_ACCOUNT, UNKNOWN_KEY, ORDER_NOT_FOUND, UNKNOWN_WINDOW -> HttpStatus.NOT_FOUND;
            case MARKET_EXISTS,
                    DUPLICATE_DEPOSIT_REFERENCE,
                    DUPLICATE_REFERENCE,
                    TOO_MANY_WITHDRAWALS,
                    WITHDRAWALS_PAUSED,
                    INVALID_TRANSITION,
                    DUPLICATE_CLIENT_ORDER_ID,
                    MARKET_CLOSED,
                    PRICE_UNAVAILABLE,
                    VAULT_INSUFFICIENT,
                    NO_FRESH_SOURCE,
                    TOO_MANY_KEYS,
                    TOO_MANY_OPEN_ORDERS -> HttpStatus.CONFLICT;
            case INSUFFICIENT_MARGIN,
                    PRICE_OUTSIDE_BAND,
                    POST_ONLY_REQUIRED,
                    POST_ONLY_WOULD_CROSS,
                    REDUCE_ONLY_WOULD_INCREASE -> HttpStatus.UNPROCESSABLE_CONTENT;
        };
    }

    /** The API's name for an engine code: the same, except where the API names the missing thing. */
    static String codeOf(Rejection.Code code) {
        return switch (code) {
            case UNKNOWN_ACCOUNT -> "ACCOUNT_NOT_FOUND";
            case UNKNOWN_KEY -> "KEY_NOT_FOUND";
            case UNKNOWN_WINDOW -> "WINDOW_NOT_FOUND";
            default -> code.name();
        };
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The invalid fields, for a problem that lists them (empty for every other problem). */
    public List<FieldProblem> errors() {
        return errors;
    }

    /** This problem as problem+json writes it (without an {@code instance}). */
    public ProblemDetail problem() {
        ProblemDetail problem = Problems.of(status, code, getMessage());
        if (!errors.isEmpty()) {
            problem.setProperty("errors", errors);
        }
        return problem;
    }
}
