package io.bulwark.web;

import io.bulwark.journal.EngineGateway;
import io.bulwark.journal.NodeStatus;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 503 before anything else runs when this instance cannot serve: {@code NOT_WRITER} on a
 * standby, {@code RECOVERING} while the engine is rebuilt from the journal. The status and time endpoints and the health
 * probes ({@code /livez}, {@code /readyz}) stay reachable, so operators and load balancers can see why.
 */
@Component
@Order(StandbyGuardFilter.ORDER)
class StandbyGuardFilter extends OncePerRequestFilter {
    static final int ORDER = BodySizeLimitFilter.ORDER - 10;
    static final String STATUS_PATH = "/api/v1/system/status";
    static final String TIME_PATH = "/api/v1/system/time";

    private final EngineGateway gateway;
    private final ProblemWriter problems;

    StandbyGuardFilter(EngineGateway gateway, ProblemWriter problems) {
        this.gateway = gateway;
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        NodeStatus.Role role = gateway.nodeStatus().role();
        if (role == NodeStatus.Role.WRITER || isAlwaysServed(request)) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        if (role == NodeStatus.Role.STANDBY) {
            problems.write(
                    request,
                    response,
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "NOT_WRITER",
                    "this instance is a standby; send requests to the writer");
        } else {
            problems.write(
                    request,
                    response,
                    HttpStatus.SERVICE_UNAVAILABLE,
                    "RECOVERING",
                    "the engine is recovering from the journal; retry shortly");
        }
    }

    private static boolean isAlwaysServed(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return ("GET".equals(request.getMethod()) && (STATUS_PATH.equals(path) || TIME_PATH.equals(path)))
                || path.equals("/livez")
                || path.equals("/readyz")
                || path.equals("/actuator")
                || path.startsWith("/actuator/");
    }
}
