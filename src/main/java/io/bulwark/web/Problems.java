package io.bulwark.web;

import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;

/** Builds the RFC 9457 problem documents of this API: every one carries a machine-readable {@code code}. */
public final class Problems {
    public static final String CODE = "code";

    private Problems() {}

    public static ProblemDetail of(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty(CODE, code);
        return problem;
    }

    public static ProblemDetail of(HttpStatusCode status, String code, String detail, String path) {
        ProblemDetail problem = of(status, code, detail);
        problem.setInstance(instance(path));
        return problem;
    }

    /** The request path as the problem's {@code instance}, or null when it is not a valid URI reference. */
    public static URI instance(String path) {
        try {
            return new URI(path);
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /** The code a status gets when nothing more specific is known. */
    public static String defaultCode(HttpStatusCode status) {
        return switch (status.value()) {
            case 400 -> "VALIDATION_FAILED";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "FORBIDDEN";
            case 404 -> "NOT_FOUND";
            case 405 -> "METHOD_NOT_ALLOWED";
            case 406 -> "NOT_ACCEPTABLE";
            case 409 -> "CONFLICT";
            case 413 -> "PAYLOAD_TOO_LARGE";
            case 415 -> "UNSUPPORTED_MEDIA_TYPE";
            case 429 -> "RATE_LIMITED";
            case 503 -> "SERVICE_UNAVAILABLE";
            default -> status.is4xxClientError() ? "BAD_REQUEST" : "INTERNAL_ERROR";
        };
    }
}
