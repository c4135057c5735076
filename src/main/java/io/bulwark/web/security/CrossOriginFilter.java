package io.bulwark.web.security;

import io.bulwark.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * CORS for the browser origins of {@link CorsProperties}, first in the security chain: a preflight ({@code
 * OPTIONS} with {@code Access-Control-Request-Method}) is answered here, before the key check and the rate
 * limit, so it needs no key and spends no one's requests.
 *
 * <ul>
 *   <li>Allowed origin: Spring's {@link DefaultCorsProcessor} writes the {@code Access-Control-*} headers for
 *       exactly that origin (never {@code *}, never {@code Allow-Credentials}: keys travel in the {@code
 *       Authorization} header, not in cookies); a preflight ends here with 200.
 *   <li>Any other origin, or a preflight asking for a method or header the API does not take: the preflight is
 *       refused 403 {@code CORS_REFUSED}; a request that needs no preflight goes on as if it had no {@code
 *       Origin} and gets no CORS header, so the browser keeps the answer from the page (a same-origin page
 *       behind a TLS proxy still works).
 * </ul>
 */
final class CrossOriginFilter extends OncePerRequestFilter {
    static final List<String> ALLOWED_HEADERS = List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE);
    static final List<String> EXPOSED_HEADERS = List.of(
            RateLimitFilter.LIMIT,
            RateLimitFilter.REMAINING,
            RateLimitFilter.RESET,
            HttpHeaders.RETRY_AFTER,
            HttpHeaders.LOCATION,
            "Bulwark-Sequence");
    private static final Duration PREFLIGHT_CACHE = Duration.ofMinutes(10);

    private final CorsConfiguration configuration;
    private final DefaultCorsProcessor processor = new DefaultCorsProcessor();
    private final ProblemWriter problems;

    CrossOriginFilter(CorsProperties properties, ProblemWriter problems) {
        this.problems = problems;
        configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(properties.allowedOrigins());
        configuration.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
        configuration.setAllowedHeaders(ALLOWED_HEADERS);
        configuration.setExposedHeaders(EXPOSED_HEADERS);
        configuration.setAllowCredentials(false);
        configuration.setMaxAge(PREFLIGHT_CACHE);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!CorsUtils.isCorsRequest(request)) {
            chain.doFilter(request, response);
            return;
        }
        boolean preflight = CorsUtils.isPreFlightRequest(request);
        String refusal = refusal(request, preflight);
        if (refusal != null) {
            response.addHeader(HttpHeaders.VARY, HttpHeaders.ORIGIN);
            if (preflight) {
                problems.write(request, response, HttpStatus.FORBIDDEN, "CORS_REFUSED", refusal);
            } else {
                chain.doFilter(request, response);
            }
            return;
        }
        if (processor.processRequest(configuration, request, response) && !preflight) {
            chain.doFilter(request, response);
        }
    }

    /** Why this cross-origin request gets no CORS access, or null when it does. */
    private String refusal(HttpServletRequest request, boolean preflight) {
        // Checked here rather than by the processor, which would answer a refusal in plain text.
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (configuration.checkOrigin(origin) == null) {
            return "the origin " + origin + " is not in bulwark.http.cors.allowed-origins";
        }
        String method = preflight ? request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) : request.getMethod();
        if (configuration.checkHttpMethod(HttpMethod.valueOf(method)) == null) {
            return "the method " + method + " is not allowed cross-origin";
        }
        if (!preflight) {
            return null;
        }
        List<String> headers = requestedHeaders(request);
        if (!headers.isEmpty() && configuration.checkHeaders(headers) == null) {
            return "a requested header is not allowed cross-origin; allowed: " + String.join(", ", ALLOWED_HEADERS);
        }
        return null;
    }

    private static List<String> requestedHeaders(HttpServletRequest request) {
        String header = request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
        if (header == null) {
            return List.of();
        }
        return Arrays.stream(header.split(","))
                .map(String::strip)
                .filter(h -> !h.isEmpty())
                .toList();
    }
}
