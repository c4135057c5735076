package io.bulwark.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.journal.JournalConnections;
import io.bulwark.web.ApiClient;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * SPEC section 3 (v2) over HTTP with the default limits: 200 live orders per account and market (409
 * TOO_MANY_OPEN_ORDERS), resting prices within 5000 bps of the mark (422 PRICE_OUTSIDE_BAND), and the
 * values the engine applies are the ones journaled with the writer's start.
 */
class OrderLimitsApiTests extends TradingApiTestBase {
    private static final int DEFAULT_MAX_OPEN_ORDERS = 200;

    @Autowired
    JournalConnections connections;

    @Test
    void aBurstOfOneMoreThanTheLimitFromEightClientsLeavesExactlyTheLimitLive() throws Exception {
        String market = newMarket();
        String other = newMarket();
        Trader mallory = newFundedTrader("10000000");
        markAt(market, "65000");
        markAt(other, "65000");

        List<Future<ApiClient.Response>> sent = new ArrayList<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i <= DEFAULT_MAX_OPEN_ORDERS; i++) {
                String price = Integer.toString(60_000 + i);
                sent.add(clients.submit(() -> place(mallory, Ticket.limit(market, "BUY", "0.001", price))));
            }
        }
        int created = 0;
        List<ApiClient.Response> refused = new ArrayList<>();
        for (Future<ApiClient.Response> f : sent) {
            ApiClient.Response response = f.get();
            if (response.status() == 201) {
                created++;
            } else {
                refused.add(response);
            }
        }

        assertThat(created).isEqualTo(DEFAULT_MAX_OPEN_ORDERS);
        assertThat(refused).singleElement().satisfies(r -> r.assertProblem(409, "TOO_MANY_OPEN_ORDERS"));
        assertThat(api.get("/api/v1/orders?limit=500&market=" + market, mallory.apiKey())
                        .assertStatus(200)
                        .json())
                .hasSize(DEFAULT_MAX_OPEN_ORDERS);
        place(mallory, Ticket.triggered(market, "SELL", "STOP_MARKET", "0.001", "50000"))
                .assertProblem(409, "TOO_MANY_OPEN_ORDERS");
        assertThat(placed(mallory, Ticket.limit(market, "BUY", "0.001", "60000").tif("IOC"))
                        .path("status")
                        .asString())
                .as("an IOC never rests")
                .isEqualTo("CANCELLED");
        placed(mallory, Ticket.limit(other, "BUY", "0.001", "60000"));

        String one = liveOrderIds(mallory).getLast();
        api.delete("/api/v1/orders/" + one, mallory.apiKey()).assertStatus(200);
        placed(mallory, Ticket.limit(market, "BUY", "0.001", "59000"));
    }

    @Test
    void aRestingPriceFarFromTheMarkIsRefusedOnPlacementAndOnAmend() {
        String market = newMarket();
        Trader mallory = newFundedTrader("100000");
        markAt(market, "65000");

        place(mallory, Ticket.limit(market, "BUY", "0.001", "32499.9")).assertProblem(422, "PRICE_OUTSIDE_BAND");
        place(mallory, Ticket.limit(market, "SELL", "0.001", "97500.1").tif("POST_ONLY"))
                .assertProblem(422, "PRICE_OUTSIDE_BAND");
        String bid = placed(mallory, Ticket.limit(market, "BUY", "0.001", "32500"))
                .path("orderId")
                .asString();

        api.patch("/api/v1/orders/" + bid, mallory.apiKey(), "{\"price\":\"32000\"}")
                .assertProblem(422, "PRICE_OUTSIDE_BAND");
        api.patch("/api/v1/orders/" + bid, mallory.apiKey(), "{\"price\":\"40000\"}")
                .assertStatus(200);
        assertThat(liveOrderIds(mallory)).containsExactly(bid);
    }

    @Test
    void theWritersStartJournalsTheLimitsItApplies() throws SQLException {
        try (Connection c = connections.open("test");
                ResultSet rs = c.createStatement()
                        .executeQuery("SELECT command->>'maxOpenOrders', command->>'restingBandBps',"
                                + " command->>'clientOrderIdRetentionSeconds', command->>'oracleSourceRetentionSeconds'"
                                + " FROM journal WHERE command_type = 'StartEngine' ORDER BY sequence DESC LIMIT 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                    .containsExactly("200", "5000", "86400", "86400");
        }
    }
}
