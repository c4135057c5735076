package io.bulwark.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.order.TradingApiTestBase;
import io.bulwark.web.ApiClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of key against representative endpoints (SPEC section 10 v2), over HTTP: the table below is the
 * contract (docs/security.md shows the same one), each cell the status and problem code the call must get.
 * Trader keys are issued for one funded account by {@code POST /admin/accounts/{accountId}/keys}.
 */
class KeyScopeMatrixTests extends TradingApiTestBase {
    static final String MATRIX = """
            key      | GET /account | POST /orders | DELETE /orders/{id} | POST /withdrawals | POST /keys | GET /keys | GET /admin/keys | POST /oracle/prices | DELETE /keys/{own}
            ADMIN    | 403 FORBIDDEN | 403 FORBIDDEN | 403 FORBIDDEN | 403 FORBIDDEN | 403 FORBIDDEN | 403 FORBIDDEN | 200 | 403 FORBIDDEN | 403 FORBIDDEN
            ORACLE   | 403 FORBIDDEN | 403 FORBIDDEN | 403 FORBIDDEN | 403 FORBIDDEN | 403 FORBIDDEN | 403 FORBIDDEN | 403 FORBIDDEN | 200 | 403 FORBIDDEN
            READ     | 200 | 403 SCOPE_REQUIRED | 403 SCOPE_REQUIRED | 403 SCOPE_REQUIRED | 201 | 200 | 403 FORBIDDEN | 403 FORBIDDEN | 204
            TRADE    | 403 SCOPE_REQUIRED | 201 | 200 | 403 SCOPE_REQUIRED | 403 SCOPE_REQUIRED | 403 SCOPE_REQUIRED | 403 FORBIDDEN | 403 FORBIDDEN | 204
            WITHDRAW | 403 SCOPE_REQUIRED | 403 SCOPE_REQUIRED | 403 SCOPE_REQUIRED | 201 | 403 SCOPE_REQUIRED | 403 SCOPE_REQUIRED | 403 FORBIDDEN | 403 FORBIDDEN | 204
            ALL      | 200 | 201 | 200 | 201 | 201 | 200 | 403 FORBIDDEN | 403 FORBIDDEN | 204
            EXPIRED  | 401 UNAUTHENTICATED | 401 UNAUTHENTICATED | 401 UNAUTHENTICATED | 401 UNAUTHENTICATED | 401 UNAUTHENTICATED | 401 UNAUTHENTICATED | 401 UNAUTHENTICATED | 401 UNAUTHENTICATED | 401 UNAUTHENTICATED
            OTHER_IP | 401 UNAUTHENTICATED | 401 UNAUTHENTICATED | 401 UNAUTHENTICATED | 401 UNAUTHENTICATED | 401 UNAUTHENTICATED | 401 UNAUTHENTICATED | 401 UNAUTHENTICATED | 401 UNAUTHENTICATED | 401 UNAUTHENTICATED
            REVOKED  | 401 UNAUTHENTICATED | 401 UNAUTHENTICATED | 401 UNAUTHENTICATED | 401 UNAUTHENTICATED | 401 UNAUTHENTICATED | 401 UNAUTHENTICATED | 401 UNAUTHENTICATED | 401 UNAUTHENTICATED | 401 UNAUTHENTICATED
            NONE     | 401 UNAUTHENTICATED | 401 UNAUTHENTICATED | 401 UNAUTHENTICATED | 401 UNAUTHENTICATED | 401 UNAUTHENTICATED | 401 UNAUTHENTICATED | 401 UNAUTHENTICATED | 401 UNAUTHENTICATED | 401 UNAUTHENTICATED
            """;
    private static final String LOOPBACK = "[\"127.0.0.0/8\",\"::1/128\"]";

    /** One key of each kind, made once: the account, its market and an oracle source are shared by the rows. */
    private static Map<String, Key> keys;

    private static String market;
    private static String allKey;

    private record Key(String keyId, String secret) {}

    /** One endpoint call made with a key; the row's own key id fills {@code {own}}. */
    private record Call(String name, Function<Key, ApiClient.Response> send) {}

    @BeforeEach
    void makeKeysOnce() {
        if (keys != null) {
            return;
        }
        market = newMarket();
        markAt(market, "65000");
        Trader owner = newFundedTrader("100000");
        allKey = owner.apiKey();
        Map<String, Key> made = new LinkedHashMap<>();
        Key admin = issued(api.post("/api/v1/admin/keys", ADMIN_KEY, "{\"role\":\"ADMIN\"}"));
        made.put("ADMIN", admin);
        made.put(
                "ORACLE",
                issued(api.post("/api/v1/admin/keys", ADMIN_KEY, "{\"role\":\"ORACLE\",\"source\":\"matrix-feed\"}")));
        made.put("READ", trader(owner, "{\"scopes\":[\"READ\"]}"));
        made.put("TRADE", trader(owner, "{\"scopes\":[\"TRADE\"]}"));
        made.put("WITHDRAW", trader(owner, "{\"scopes\":[\"WITHDRAW\"]}"));
        made.put(
                "ALL", trader(owner, "{\"scopes\":[\"READ\",\"TRADE\",\"WITHDRAW\"],\"allowedIps\":" + LOOPBACK + "}"));
        Key expired = trader(
                owner,
                "{\"scopes\":[\"READ\",\"TRADE\",\"WITHDRAW\"],\"expiresAt\":\"%s\"}"
                        .formatted(Instant.now().plusMillis(1500)));
        made.put("EXPIRED", expired);
        made.put(
                "OTHER_IP",
                trader(owner, "{\"scopes\":[\"READ\",\"TRADE\",\"WITHDRAW\"],\"allowedIps\":[\"203.0.113.0/24\"]}"));
        Key revoked = trader(owner, "{\"scopes\":[\"READ\",\"TRADE\",\"WITHDRAW\"]}");
        api.delete("/api/v1/admin/keys/" + revoked.keyId(), ADMIN_KEY).assertStatus(204);
        made.put("REVOKED", revoked);
        made.put("NONE", new Key("key_none", null));
        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(
                        () -> api.get("/api/v1/account", expired.secret()).assertProblem(401, "UNAUTHENTICATED"));
        keys = made;
    }

    private Key issued(ApiClient.Response response) {
        response.assertStatus(201);
        return new Key(response.text("keyId"), response.text("apiKey"));
    }

    private Key trader(Trader owner, String body) {
        return issued(api.post("/api/v1/admin/accounts/" + owner.accountId() + "/keys", ADMIN_KEY, body));
    }

    private List<Call> calls() {
        String order = "{\"market\":\"%s\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"size\":\"0.001\",\"price\":\"64000\"}"
                .formatted(market);
        return List.of(
                new Call("GET /account", k -> api.get("/api/v1/account", k.secret())),
                new Call("POST /orders", k -> api.post("/api/v1/orders", k.secret(), order)),
                new Call("DELETE /orders/{id}", k -> {
                    String id = api.post("/api/v1/orders", allKey, order)
                            .assertStatus(201)
                            .text("orderId");
                    return api.delete("/api/v1/orders/" + id, k.secret());
                }),
                new Call(
                        "POST /withdrawals",
                        k -> api.post(
                                "/api/v1/withdrawals",
                                k.secret(),
                                "{\"amount\":\"1\",\"reference\":\"m-" + UUID.randomUUID() + "\"}")),
                new Call("POST /keys", k -> api.post("/api/v1/keys", k.secret(), "{\"scopes\":[\"READ\"]}")),
                new Call("GET /keys", k -> api.get("/api/v1/keys", k.secret())),
                new Call("GET /admin/keys", k -> api.get("/api/v1/admin/keys", k.secret())),
                new Call(
                        "POST /oracle/prices",
                        k -> api.post(
                                "/api/v1/oracle/prices",
                                k.secret(),
                                "{\"prices\":[{\"market\":\"%s\",\"price\":\"65000\",\"source\":\"matrix-feed\",\"timestamp\":%d}]}"
                                        .formatted(market, System.currentTimeMillis()))),
                new Call("DELETE /keys/{own}", k -> api.delete("/api/v1/keys/" + k.keyId(), k.secret())));
    }

    static Stream<String> rows() {
        return MATRIX.lines().skip(1).map(line -> line.split("\\|")[0].strip());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void eachKeyKindGetsWhatTheTableSays(String kind) {
        List<String> header = cells(MATRIX.lines().findFirst().orElseThrow());
        List<String> expected = cells(
                MATRIX.lines().filter(l -> l.startsWith(kind + " ")).findFirst().orElseThrow());
        List<Call> calls = calls();
        assertThat(header.subList(1, header.size()))
                .containsExactlyElementsOf(calls.stream().map(Call::name).toList());
        Key key = keys.get(kind);
        List<String> actual = new ArrayList<>();
        for (Call call : calls) {
            ApiClient.Response response = call.send().apply(key);
            String code = response.json().path("code").asString(null);
            actual.add(response.status() + (response.status() >= 400 && code != null ? " " + code : ""));
        }
        assertThat(actual).as(kind).containsExactlyElementsOf(expected.subList(1, expected.size()));
    }

    private static List<String> cells(String line) {
        return Arrays.stream(line.split("\\|")).map(String::strip).toList();
    }
}
