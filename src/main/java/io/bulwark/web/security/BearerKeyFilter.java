package io.bulwark.web.security;

import io.bulwark.engine.account.ApiKey;
import io.bulwark.engine.account.Role;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer <api key>} through {@link KeyAuthenticator} (known, not
 * revoked, not expired, from an allowed address). A key that fails leaves the request anonymous: public
 * endpoints still answer, the others get 401 (the reason is kept for the problem detail). A TRADER key's
 * scopes become authorities {@code SCOPE_READ}, {@code SCOPE_TRADE}, {@code SCOPE_WITHDRAW}.
 */
class BearerKeyFilter extends OncePerRequestFilter {
    static final String FAILURE = BearerKeyFilter.class.getName() + ".failure";
    private static final String PREFIX = "Bearer ";

    private final KeyAuthenticator authenticator;
    private final ClientAddress clientAddress;

    BearerKeyFilter(KeyAuthenticator authenticator, ClientAddress clientAddress) {
        this.authenticator = authenticator;
        this.clientAddress = clientAddress;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header != null) {
            switch (authenticate(header, request)) {
                case KeyAuthenticator.Accepted accepted -> {
                    SecurityContext context = SecurityContextHolder.createEmptyContext();
                    context.setAuthentication(token(accepted.key()));
                    SecurityContextHolder.setContext(context);
                }
                case KeyAuthenticator.Refused refused -> request.setAttribute(FAILURE, refused.reason());
            }
        }
        chain.doFilter(request, response);
    }

    private KeyAuthenticator.Verdict authenticate(String header, HttpServletRequest request) {
        if (!header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return new KeyAuthenticator.Refused(KeyAuthenticator.UNKNOWN);
        }
        return authenticator.authenticate(header.substring(PREFIX.length()).strip(), clientAddress.of(request));
    }

    private static UsernamePasswordAuthenticationToken token(ApiKey key) {
        boolean trader = key.role() == Role.TRADER;
        Caller caller = new Caller(
                key.keyId(),
                key.role(),
                key.accountId(),
                key.source(),
                key.grant().scopes());
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_" + key.role().name()));
        if (trader) {
            key.grant().scopes().forEach(s -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + s.name())));
        }
        return UsernamePasswordAuthenticationToken.authenticated(caller, null, authorities);
    }
}
