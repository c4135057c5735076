package io.bulwark.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.testsupport.MarketJson;
import io.bulwark.web.ApiClient;
import io.bulwark.web.HttpApiTestBase;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** PUT /admin/exchange/state and /admin/markets/{m}/state over HTTP: the transition table of SPEC section 8. */
class AdminStateTests extends HttpApiTestBase {
    private static final AtomicInteger MARKETS = new AtomicInteger();

    private String newMarket() {
        String market = "ST" + MARKETS.incrementAndGet() + "-USD-PERP";
        api.post("/api/v1/admin/markets", ADMIN_KEY, MarketJson.cents(market).json())
                .assertStatus(201);
        return market;
    }

    private String marketState(ApiClient.Response status, String market) {
        return status.get("markets")
                .valueStream()
                .filter(m -> m.path("market").asString().equals(market))
                .findFirst()
                .orElseThrow()
                .path("state")
                .asString();
    }

    @Test
    void closingAMarketCancelsItsOrdersSnapshotsAndReopensOnlyByTheTable() {
        String market = newMarket();
        Trader alice = newFundedTrader("10000");
        String orderId = api.post("/api/v1/orders", alice.apiKey(), """
                        {"market":"%s","side":"BUY","type":"LIMIT","price":"100","size":"1"}""".formatted(market))
                .assertStatus(201)
                .text("orderId");

        var closed = api.put(
                        "/api/v1/admin/markets/" + market + "/state",
                        ADMIN_KEY,
                        "{\"state\":\"CLOSED\",\"reason\":\"upgrade\"}")
                .assertStatus(200);
        assertThat(marketState(closed, market)).isEqualTo("CLOSED");
        assertThat(api.get("/api/v1/orders/" + orderId, alice.apiKey()).text("cancelReason"))
                .isEqualTo("MAINTENANCE");
        assertThat(api.get("/api/v1/admin/snapshots?limit=5", ADMIN_KEY)
                        .json()
                        .get(0)
                        .path("reason")
                        .asString())
                .isEqualTo("pre-maintenance: upgrade");

        api.put("/api/v1/admin/markets/" + market + "/state", ADMIN_KEY, "{\"state\":\"OPEN\",\"reason\":\"too soon\"}")
                .assertProblem(409, "INVALID_TRANSITION");
        var postOnly = api.put(
                        "/api/v1/admin/markets/" + market + "/state",
                        ADMIN_KEY,
                        "{\"state\":\"POST_ONLY\",\"reason\":\"reopening\"}")
                .assertStatus(200);
        assertThat(marketState(postOnly, market)).isEqualTo("POST_ONLY");
        api.put("/api/v1/admin/markets/" + market + "/state", ADMIN_KEY, "{\"state\":\"OPEN\",\"reason\":\"reopen\"}")
                .assertProblem(409, "INVALID_TRANSITION"); // the minimum time in POST_ONLY has not passed
        var open = api.put(
                        "/api/v1/admin/markets/" + market + "/state",
                        ADMIN_KEY,
                        "{\"state\":\"OPEN\",\"reason\":\"reopen now\",\"force\":true}")
                .assertStatus(200);
        assertThat(marketState(open, market)).isEqualTo("OPEN");
    }

    @Test
    void badRequestsAreRefusedWithTheirCodes() {
        Trader trader = newTrader();
        api.put("/api/v1/admin/exchange/state", trader.apiKey(), "{\"state\":\"CLOSED\",\"reason\":\"x\"}")
                .assertProblem(403, "FORBIDDEN");
        api.put("/api/v1/admin/exchange/state", ADMIN_KEY, "{\"state\":\"SHUT\",\"reason\":\"x\"}")
                .assertProblem(400, "VALIDATION_FAILED");
        api.put("/api/v1/admin/exchange/state", ADMIN_KEY, "{\"state\":\"CLOSED\"}")
                .assertProblem(400, "VALIDATION_FAILED");
        api.put("/api/v1/admin/markets/NOPE-USD-PERP/state", ADMIN_KEY, "{\"state\":\"CLOSED\",\"reason\":\"x\"}")
                .assertProblem(404, "UNKNOWN_MARKET");
        api.put("/api/v1/admin/exchange/state", ADMIN_KEY, "{\"state\":\"OPEN\",\"reason\":\"already\"}")
                .assertProblem(409, "INVALID_TRANSITION");
        assertThat(api.get("/api/v1/system/status", null).text("state")).isEqualTo("OPEN");
    }
}
