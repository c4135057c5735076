package io.bulwark.web.security;

import io.bulwark.engine.account.Role;
import io.bulwark.engine.account.Scope;
import java.util.List;
import java.util.function.Supplier;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * Which scope each trader endpoint needs (SPEC section 10 v2), in one table that {@link
 * SecurityConfiguration} turns into request rules: reads need READ, order entry, amendment and cancels
 * TRADE, withdrawals WITHDRAW. The key endpoints need no particular scope ({@code null}): the key service
 * lets a key issue only keys with scopes it holds and revoke only itself or keys whose scopes it holds.
 * A trader endpoint not in this table is refused to every key (a test checks every mapped endpoint is here).
 * Patterns follow Spring's path patterns; the first rule that matches decides.
 */
public final class TraderScopes {
    /** The request attribute naming the scope a refused request lacked. */
    static final String REQUIRED = TraderScopes.class.getName() + ".required";

    /** One decision: requests with this method and path need this scope (null: any TRADER key). */
    public record Rule(HttpMethod method, String pattern, Scope scope) {}

    public static final List<Rule> RULES = List.of(
            new Rule(HttpMethod.GET, "/api/v1/account", Scope.READ),
            new Rule(HttpMethod.GET, "/api/v1/account/**", Scope.READ),
            new Rule(HttpMethod.GET, "/api/v1/positions", Scope.READ),
            new Rule(HttpMethod.GET, "/api/v1/orders", Scope.READ),
            new Rule(HttpMethod.GET, "/api/v1/orders/**", Scope.READ),
            new Rule(HttpMethod.GET, "/api/v1/fills", Scope.READ),
            new Rule(HttpMethod.GET, "/api/v1/funding-payments", Scope.READ),
            new Rule(HttpMethod.GET, "/api/v1/liquidations", Scope.READ),
            new Rule(HttpMethod.GET, "/api/v1/refunds", Scope.READ),
            new Rule(HttpMethod.GET, "/api/v1/withdrawals", Scope.READ),
            new Rule(HttpMethod.GET, "/api/v1/withdrawals/**", Scope.READ),
            new Rule(HttpMethod.GET, "/api/v1/keys", Scope.READ),
            new Rule(HttpMethod.POST, "/api/v1/orders", Scope.TRADE),
            new Rule(HttpMethod.POST, "/api/v1/orders/cancel-after", Scope.TRADE),
            new Rule(HttpMethod.POST, "/api/v1/orders/**", Scope.TRADE),
            new Rule(HttpMethod.PATCH, "/api/v1/orders/**", Scope.TRADE),
            new Rule(HttpMethod.DELETE, "/api/v1/orders", Scope.TRADE),
            new Rule(HttpMethod.DELETE, "/api/v1/orders/**", Scope.TRADE),
            new Rule(HttpMethod.POST, "/api/v1/withdrawals", Scope.WITHDRAW),
            new Rule(HttpMethod.POST, "/api/v1/keys", null),
            new Rule(HttpMethod.DELETE, "/api/v1/keys/*", null));

    private TraderScopes() {}

    /** Grants a TRADER key holding {@code scope} (any TRADER key when null); notes a missing scope. */
    static AuthorizationManager<RequestAuthorizationContext> requiring(Scope scope) {
        return new AuthorizationManager<>() {
            @Override
            public AuthorizationResult authorize(
                    Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
                Authentication a = authentication.get();
                if (a == null || !(a.getPrincipal() instanceof Caller caller) || caller.role() != Role.TRADER) {
                    return new AuthorizationDecision(false);
                }
                if (scope == null || caller.scopes().contains(scope)) {
                    return new AuthorizationDecision(true);
                }
                context.getRequest().setAttribute(REQUIRED, scope);
                return new AuthorizationDecision(false);
            }
        };
    }
}
