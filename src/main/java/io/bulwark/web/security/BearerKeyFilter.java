package io.bulwark.web.security;

import io.bulwark.engine.account.ApiKey;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <api key>} by looking the key's SHA-256 up in the
 * {@link KeyDirectory}. A missing, malformed, unknown or revoked key leaves the request anonymous:
 * public endpoints still answer, the others get 401 (the reason is kept for the problem detail).
 */
class BearerKeyFilter extends OncePerRequestFilter {
    static final String FAILURE = BearerKeyFilter.class.getName() + ".failure";
    private static final String PREFIX = "Bearer ";
    private static final int MAX_KEY_LENGTH = 256;

    private final KeyDirectory keys;

    BearerKeyFilter(KeyDirectory keys) {
        this.keys = keys;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null) {
            Optional<ApiKey> key = authenticate(header);
            if (key.isPresent()) {
                SecurityContext context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(token(key.get()));
                SecurityContextHolder.setContext(context);
            } else {
                request.setAttribute(FAILURE, "the API key is malformed, unknown or revoked");
            }
        }
        chain.doFilter(request, response);
    }

    private Optional<ApiKey> authenticate(String header) {
        if (!header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.empty();
        }
        String secret = header.substring(PREFIX.length()).strip();
        if (secret.isEmpty() || secret.length() > MAX_KEY_LENGTH) {
            return Optional.empty();
        }
        return keys.findByHash(ApiKeySecret.hash(secret));
    }

    private static UsernamePasswordAuthenticationToken token(ApiKey key) {
        Caller caller = new Caller(key.keyId(), key.role(), key.accountId(), key.source());
        return UsernamePasswordAuthenticationToken.authenticated(
                caller,
                null,
                List.of(new SimpleGrantedAuthority("ROLE_" + key.role().name())));
    }
}
