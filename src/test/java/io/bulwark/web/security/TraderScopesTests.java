package io.bulwark.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.web.HttpApiTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Every trader endpoint has a scope decision (SPEC section 10 v2): a new {@code /api/v1} endpoint that is
 * not public, admin or oracle fails this test until {@link TraderScopes} names the scope it needs (or says
 * any trader key may use it). Without one, the running service refuses it to every key.
 */
class TraderScopesTests extends HttpApiTestBase {
    /** Public reads and the other roles' paths: SecurityConfiguration decides those by path prefix. */
    private static final List<String> NOT_TRADER =
            List.of("/api/v1/system/", "/api/v1/markets", "/api/v1/tickers", "/api/v1/admin/", "/api/v1/oracle/");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private record Endpoint(HttpMethod method, String pattern) {}

    private List<Endpoint> traderEndpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        mappings.getHandlerMethods().keySet().forEach(info -> {
            for (String pattern : info.getPatternValues()) {
                if (!pattern.startsWith("/api/v1/") || NOT_TRADER.stream().anyMatch(pattern::startsWith)) {
                    continue;
                }
                info.getMethodsCondition()
                        .getMethods()
                        .forEach(m -> endpoints.add(new Endpoint(m.asHttpMethod(), pattern)));
            }
        });
        return endpoints;
    }

    private static Optional<TraderScopes.Rule> ruleFor(Endpoint endpoint) {
        return TraderScopes.RULES.stream()
                .filter(r -> r.method().equals(endpoint.method()))
                .filter(r -> PathPatternParser.defaultInstance
                        .parse(r.pattern())
                        .matches(org.springframework.http.server.PathContainer.parsePath(endpoint.pattern())))
                .findFirst();
    }

    @Test
    void everyTraderEndpointHasAScopeDecision() {
        List<Endpoint> endpoints = traderEndpoints();
        assertThat(endpoints).as("the trader endpoints found").hasSizeGreaterThan(15);
        assertThat(endpoints)
                .as("trader endpoints without a rule in TraderScopes")
                .allSatisfy(e -> assertThat(ruleFor(e)).as(e.toString()).isPresent());
    }

    @Test
    void readsNeedReadOrderEntryTradeAndWithdrawalsWithdraw() {
        for (Endpoint e : traderEndpoints()) {
            TraderScopes.Rule rule = ruleFor(e).orElseThrow();
            String expected = switch (e.method().name()) {
                case "GET" -> "READ";
                default ->
                    e.pattern().startsWith("/api/v1/orders")
                            ? "TRADE"
                            : e.pattern().startsWith("/api/v1/withdrawals")
                                    ? "WITHDRAW"
                                    : e.pattern().startsWith("/api/v1/keys") ? "null" : "?";
            };
            assertThat(String.valueOf(rule.scope())).as(e.toString()).isEqualTo(expected);
        }
    }

    @Test
    void anEndpointWithoutADecisionIsRefusedToEveryKey() {
        Trader trader = newTrader();
        // /api/v1/nothing-here has no rule: the all-scope key of a new account is refused, not let through.
        api.get("/api/v1/nothing-here", trader.apiKey()).assertProblem(403, "FORBIDDEN");
        api.get("/api/v1/nothing-here", null).assertProblem(401, "UNAUTHENTICATED");
    }
}
