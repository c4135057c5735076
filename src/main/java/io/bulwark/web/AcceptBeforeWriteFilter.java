package io.bulwark.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request that changes something with 406 {@code NOT_ACCEPTABLE} <em>before</em> it is
 * carried out when its {@code Accept} header rules out every answer this API gives (JSON or problem+json).
 * Spring MVC finds that out only when it writes the answer, after the command was applied: an order
 * placed and answered 406 looks failed to a client, which may send it again. Runs after the security
 * chain (a missing key is still 401 first) and before any handler, the order-entry shortcut included.
 */
@Component
@Order(Ordered.LOWEST_PRECEDENCE - 1)
class AcceptBeforeWriteFilter extends OncePerRequestFilter {
    private static final List<MediaType> ANSWERS =
            List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);

    private final ProblemWriter problems;

    AcceptBeforeWriteFilter(ProblemWriter problems) {
        this.problems = problems;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String accept = request.getHeader("Accept");
        if (accept == null || accept.isBlank() || acceptsAnAnswer(accept)) {
            chain.doFilter(request, response);
            return;
        }
        problems.write(
                request,
                response,
                HttpStatus.NOT_ACCEPTABLE,
                "NOT_ACCEPTABLE",
                "this API answers application/json or application/problem+json; the Accept header rules both out,"
                        + " so nothing was done");
    }

    static boolean acceptsAnAnswer(String accept) {
        List<MediaType> wanted;
        try {
            wanted = MediaType.parseMediaTypes(accept);
        } catch (IllegalArgumentException e) { // InvalidMediaTypeException included
            return false;
        }
        for (MediaType type : wanted) {
            if (type.getQualityValue() <= 0) {
                continue;
            }
            for (MediaType answer : ANSWERS) {
                if (type.isCompatibleWith(answer)) {
                    return true;
                }
            }
        }
        return false;
    }
}
