package io.bulwark.web.security;

import io.bulwark.engine.account.Scope;
import io.bulwark.web.ProblemWriter;
import io.bulwark.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * 401 {@code UNAUTHENTICATED}, 403 {@code SCOPE_REQUIRED} (a TRADER key without the scope the endpoint
 * needs) and 403 {@code FORBIDDEN} (any other refusal) as problem+json.
 */
class ProblemAuthenticationHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {
    private final ProblemWriter problems;

    ProblemAuthenticationHandlers(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
            throws IOException {
        String detail = request.getAttribute(BearerKeyFilter.FAILURE) instanceof String failure
                ? failure
                : "this endpoint needs an API key: Authorization: Bearer <key>";
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        problems.write(request, response, HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", detail);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
            throws IOException {
        if (request.getAttribute(TraderScopes.REQUIRED) instanceof Scope scope) {
            ProblemDetail problem = Problems.of(
                    HttpStatus.FORBIDDEN,
                    "SCOPE_REQUIRED",
                    "this API key lacks the " + scope + " scope this endpoint needs",
                    request.getRequestURI());
            problem.setProperty("scope", scope.name());
            problems.write(response, problem);
            return;
        }
        problems.write(
                request, response, HttpStatus.FORBIDDEN, "FORBIDDEN", "this key's role may not use this endpoint");
    }
}
