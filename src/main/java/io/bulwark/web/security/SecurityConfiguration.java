package io.bulwark.web.security;

import io.bulwark.web.ProblemWriter;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.annotation.web.configurers.SecurityContextConfigurer;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.session.DisableEncodeUrlFilter;
import org.springframework.web.filter.CorsFilter;

/**
 * Bearer API keys, stateless. Public: status, time, markets, health ({@code /livez}, {@code /readyz}; the actuator on the
 * management port), the WebSocket handshake. {@code /api/v1/admin/**} needs
 * ADMIN, {@code /api/v1/oracle/**} ORACLE, every other {@code /api/v1} path a TRADER key with the scope
 * {@link TraderScopes} names for it (403 {@code SCOPE_REQUIRED} without it; an endpoint it does not name is
 * refused to every key); anything else needs some key (deny by default). CORS preflights are answered before
 * any of this by {@link CrossOriginFilter}. The operator console's static files ({@code /console/**}) have a
 * chain of their own: public, GET only, under a strict Content-Security-Policy.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CorsProperties.class)
class SecurityConfiguration {

    /**
     * No Micrometer observation around each security filter and authorization decision: under the W3 load
     * those cost about a tenth of the request threads' CPU (JFR). {@code http.server.requests} still times
     * every request, and 401/403 answers are counted there by status.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Scripts, styles and API calls from this origin only (no inline script or style, no eval), no framing, no
     * referrer, and Trusted Types required so that no script can assign a string to {@code innerHTML}: the
     * console renders every server value as text.
     */
    static final String CONSOLE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none';"
            + " require-trusted-types-for 'script'; trusted-types 'none'";

    /**
     * The console's page, scripts and styles: public (the page asks for the admin key; only its API calls carry
     * it), read only, and served before the API chain, which denies anything it does not name.
     */
    @Bean
    @Order(1)
    SecurityFilterChain consoleSecurity(
            HttpSecurity http, ProblemWriter problems, RateLimits rateLimits, ClientAddress clientAddress)
            throws Exception {
        ProblemAuthenticationHandlers handlers = new ProblemAuthenticationHandlers(problems);
        noSavedRequests(http);
        return http.securityMatcher("/console", "/console/**")
                .csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .servletApi(AbstractHttpConfigurer::disable)
                .sessionManagement(AbstractHttpConfigurer::disable)
                .securityContext(SecurityConfiguration::stateless)
                .addFilter(new DisableEncodeUrlFilter())
                // The same per-address bucket as every request without a key.
                .addFilterBefore(new RateLimitFilter(rateLimits, clientAddress, problems), AuthorizationFilter.class)
                .headers(h -> h.contentSecurityPolicy(c -> c.policyDirectives(CONSOLE_CSP))
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r -> r.policy(ReferrerPolicy.NO_REFERRER)))
                .exceptionHandling(e -> e.authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
                .authorizeHttpRequests(a -> a.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/console", "/console/", "/console/*")
                        .permitAll()
                        .requestMatchers(HttpMethod.HEAD, "/console", "/console/", "/console/*")
                        .permitAll()
                        .anyRequest()
                        .denyAll())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain apiSecurity(
            HttpSecurity http,
            KeyAuthenticator keys,
            ProblemWriter problems,
            RateLimits rateLimits,
            ClientAddress clientAddress,
            CorsProperties cors)
            throws Exception {
        ProblemAuthenticationHandlers handlers = new ProblemAuthenticationHandlers(problems);
        noSavedRequests(http);
        return http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .servletApi(AbstractHttpConfigurer::disable)
                .sessionManagement(AbstractHttpConfigurer::disable)
                .securityContext(SecurityConfiguration::stateless)
                .addFilter(new DisableEncodeUrlFilter())
                // Where Spring Security's own CORS filter would run: before the key, the rate limit and the
                // authorization check, so a preflight needs no key and counts on no bucket.
                .addFilterAt(new CrossOriginFilter(cors, problems), CorsFilter.class)
                .addFilterBefore(new BearerKeyFilter(keys, clientAddress), AuthorizationFilter.class)
                // After the key is known, before the authorization check: requests that end in 401 or 403 count too.
                .addFilterBefore(new RateLimitFilter(rateLimits, clientAddress, problems), AuthorizationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(handlers).accessDeniedHandler(handlers))
                .authorizeHttpRequests(a -> a.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/system/status", "/api/v1/system/time")
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/markets", "/api/v1/markets/**", "/api/v1/tickers")
                        .permitAll()
                        // Liveness and readiness on the API port; the actuator paths below answer only on the
                        // management port (management.server.port).
                        .requestMatchers(HttpMethod.GET, "/livez", "/readyz")
                        .permitAll()
                        .requestMatchers(
                                HttpMethod.GET,
                                "/actuator/health",
                                "/actuator/health/**",
                                "/actuator/prometheus",
                                "/actuator/info")
                        .permitAll()
                        // WebSocket clients authenticate inside the session ({"op":"auth"}), not on the handshake.
                        .requestMatchers(HttpMethod.GET, "/ws/v1")
                        .permitAll()
                        .requestMatchers("/api/v1/admin/**")
                        .hasRole("ADMIN")
                        .requestMatchers("/api/v1/oracle/**")
                        .hasRole("ORACLE"))
                .authorizeHttpRequests(SecurityConfiguration::traderScopes)
                .authorizeHttpRequests(a ->
                        a.requestMatchers("/api/v1/**").denyAll().anyRequest().authenticated())
                .build();
    }

    /**
     * Stateless: the security context lives in the request only, never in a session. This is what naming the
     * STATELESS session policy gives, without Spring Security's session management, whose {@code
     * SessionManagementFilter} has nothing to do without sessions or a login but, running before the key is read,
     * built an anonymous authentication for every request (JFR, W3). Its other part, refusing to write a session id
     * into URLs, is kept ({@code DisableEncodeUrlFilter}). The servlet API's security methods ({@code
     * getUserPrincipal}, {@code isUserInRole}, ...) are left off too: nothing here calls them (callers come from the
     * security context), and their request wrapper was one more layer under every request.
     */
    private static void stateless(SecurityContextConfigurer<HttpSecurity> context) {
        context.securityContextRepository(new RequestAttributeSecurityContextRepository());
    }

    /**
     * A refused request is not kept in a session to be replayed after a login (there is neither): without this,
     * and with session management off, the exception translation would keep it in a new session.
     */
    private static void noSavedRequests(HttpSecurity http) {
        http.setSharedObject(RequestCache.class, new NullRequestCache());
    }

    private static void traderScopes(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry registry) {
        for (TraderScopes.Rule rule : TraderScopes.RULES) {
            registry.requestMatchers(rule.method(), rule.pattern()).access(TraderScopes.requiring(rule.scope()));
            if (rule.method() == HttpMethod.GET) {
                // Spring MVC answers HEAD with the GET handler: the same decision.
                registry.requestMatchers(HttpMethod.HEAD, rule.pattern()).access(TraderScopes.requiring(rule.scope()));
            }
        }
    }
}
