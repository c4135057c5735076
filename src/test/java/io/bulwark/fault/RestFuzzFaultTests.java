package io.bulwark.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.testsupport.MarketJson;
import io.bulwark.web.ApiClient;
import io.bulwark.web.HttpApiTestBase;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import org.junit.jupiter.api.Test;

/**
 * Bad input at the REST parsers (issue 6): for {@code fault.fuzz.seconds}, mutated JSON bodies (see
 * {@link JsonFuzz}) at every write endpoint and arbitrary path and query values at reads, over a real HTTP
 * client. Every answer must be below 500 and every error problem+json with a {@code code}; afterwards every
 * integrity check must still pass.
 */
class RestFuzzFaultTests extends HttpApiTestBase {
    private final FaultRun run = new FaultRun("rest-fuzz");
    private final Duration duration = FaultRun.secondsSetting("fault.fuzz.seconds", 600);

    /** One endpoint with a valid body to mutate; {@code {id}} in the path is replaced by fuzzed text too. */
    private record Target(String method, String path, String key, Iterator<String> bodies) {}

    @Test
    void noBadRequestGetsA5xxOrALeakedErrorOrBreaksAnInvariant() {
        String market = "FZ" + (System.nanoTime() % 100_000) + "-USD-PERP";
        Trader trader = newFundedTrader("100000");
        String oracleKey = api.post("/api/v1/admin/keys", ADMIN_KEY, "{\"role\":\"ORACLE\",\"source\":\"fuzz\"}")
                .assertStatus(201)
                .text("apiKey");
        String spec = MarketJson.btcLike(market).json();
        api.post("/api/v1/admin/markets", ADMIN_KEY, spec).assertStatus(201);
        for (int i = 0; i < 3; i++) {
            api.post("/api/v1/oracle/prices", oracleKey, prices(market)).assertStatus(200);
        }
        String orderId = api.post("/api/v1/orders", trader.apiKey(), """
                        {"market":"%s","side":"BUY","type":"LIMIT","price":"64000","size":"0.01"}""".formatted(market))
                .assertStatus(201)
                .text("orderId");

        List<Target> targets = targets(market, trader, oracleKey, orderId, spec);
        Iterator<String> pathValues = Arbitraries.oneOf(
                        Arbitraries.strings().ofMaxLength(40),
                        Arbitraries.of("0", "-1", "99999999999999999999", "%00", "..", "BTC-USD-PERP", market, orderId))
                .sampleStream()
                .iterator();
        long cases = 0;
        List<String> failures = new ArrayList<>();
        long deadline = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline && failures.size() < 20) {
            Target target = targets.get((int) (cases % targets.size()));
            String path = target.path().replace("{id}", URLEncoder.encode(pathValues.next(), StandardCharsets.UTF_8));
            String body = target.bodies() == null ? null : target.bodies().next();
            cases++;
            ApiClient.Response response = body == null
                    ? api.send(api.request(path, target.key()).method(target.method(), noBody()))
                    : api.send(path, target.key(), target.method(), "application/json", body);
            String problem = problem(response);
            if (problem != null) {
                failures.add(target.method() + " " + path + " " + abbreviate(body) + " -> " + problem);
            }
        }
        ApiClient.Response integrity = api.get("/api/v1/admin/integrity", ADMIN_KEY);
        boolean intact =
                integrity.status() == 200 && integrity.json().path("ok").asBoolean();
        if (!intact) {
            failures.add("integrity after fuzzing: " + integrity.body());
        }
        run.print(
                "figures: %d s, %d requests, %d failures, integrity %s",
                duration.toSeconds(), cases, failures.size(), intact ? "ok" : "FAILED");
        failures.forEach(f -> run.print("FAILURE %s", f));
        run.save();
        assertThat(failures).isEmpty();
    }

    private List<Target> targets(String market, Trader trader, String oracleKey, String orderId, String spec) {
        String key = trader.apiKey();
        return List.of(
                post("/api/v1/orders", key, """
                        {"market":"%s","side":"BUY","type":"LIMIT","timeInForce":"GTC","price":"64000.5",
                         "size":"0.002","reduceOnly":false,"clientOrderId":"fz-1"}""".formatted(market)),
                post("/api/v1/orders", key, """
                        {"market":"%s","side":"SELL","type":"STOP_LIMIT","price":"63000","triggerPrice":"63500",
                         "size":"0.001"}""".formatted(market)),
                new Target(
                        "PATCH",
                        "/api/v1/orders/" + orderId,
                        key,
                        JsonFuzz.bodies("{\"price\":\"64001\",\"size\":\"0.02\"}")),
                new Target("PATCH", "/api/v1/orders/{id}", key, JsonFuzz.bodies("{\"price\":\"64001\"}")),
                new Target("DELETE", "/api/v1/orders/{id}", key, null),
                new Target("DELETE", "/api/v1/orders?market={id}", key, null),
                post("/api/v1/withdrawals", key, "{\"amount\":\"0.5\",\"reference\":\"fz-wd\"}"),
                post("/api/v1/admin/accounts", ADMIN_KEY, "{\"name\":\"fuzzed\"}"),
                post(
                        "/api/v1/admin/accounts/" + trader.accountId() + "/deposits",
                        ADMIN_KEY,
                        "{\"amount\":\"1.25\",\"reference\":\"fz-dep\"}"),
                post("/api/v1/admin/accounts/{id}/deposits", ADMIN_KEY, "{\"amount\":\"1\",\"reference\":\"fz\"}"),
                post("/api/v1/admin/markets", ADMIN_KEY, spec.replace(market, "FY" + market)),
                new Target(
                        "PATCH",
                        "/api/v1/admin/markets/" + market,
                        ADMIN_KEY,
                        JsonFuzz.bodies("{\"takerFee\":\"0.0005\",\"priceBandBps\":500}")),
                new Target(
                        "PUT",
                        "/api/v1/admin/markets/" + market + "/state",
                        ADMIN_KEY,
                        JsonFuzz.bodies("{\"state\":\"OPEN\",\"reason\":\"fuzz\",\"force\":false}")),
                post("/api/v1/oracle/prices", oracleKey, prices(market)),
                post("/api/v1/admin/keys", ADMIN_KEY, "{\"role\":\"ORACLE\",\"source\":\"fuzz-key\"}"),
                post("/api/v1/admin/snapshots", ADMIN_KEY, "{\"reason\":\"fuzz\"}"),
                new Target("GET", "/api/v1/markets/{id}/trades?limit={id}", null, null),
                new Target("GET", "/api/v1/markets/{id}/orderbook?depth={id}", null, null),
                new Target("GET", "/api/v1/account/ledger?limit={id}&cursor={id}", key, null),
                new Target("GET", "/api/v1/fills?market={id}&limit={id}", key, null),
                new Target("GET", "/api/v1/orders/{id}", key, null),
                new Target("GET", "/api/v1/funding-payments?limit={id}", key, null),
                new Target("GET", "/api/v1/liquidations?limit={id}", key, null));
    }

    private static Target post(String path, String key, String validBody) {
        return new Target("POST", path, key, JsonFuzz.bodies(validBody));
    }

    private static String prices(String market) {
        return """
                {"prices":[{"market":"%s","price":"65000","source":"fuzz","timestamp":%d}]}""".formatted(market, System.currentTimeMillis());
    }

    /** What is wrong with an answer, or null. */
    private static String problem(ApiClient.Response response) {
        if (response.status() >= 500) {
            return response.status() + " " + abbreviate(response.body());
        }
        if (response.status() >= 400) {
            if (!response.contentType().startsWith("application/problem+json")
                    || response.json().path("code").asString().isBlank()) {
                return "not problem+json with a code: " + response.status() + " " + abbreviate(response.body());
            }
            if (response.body().contains("Exception") || response.body().contains("\tat ")) {
                return "leaks an exception: " + abbreviate(response.body());
            }
        }
        return null;
    }

    private static java.net.http.HttpRequest.BodyPublisher noBody() {
        return java.net.http.HttpRequest.BodyPublishers.noBody();
    }

    static String abbreviate(String text) {
        return text == null || text.length() <= 300 ? text : text.substring(0, 300) + "...(" + text.length() + ")";
    }
}
