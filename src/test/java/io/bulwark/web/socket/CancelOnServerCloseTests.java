package io.bulwark.web.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.testsupport.ManualClock;
import io.bulwark.testsupport.MarketJson;
import io.bulwark.web.security.EdgeLimitsTest;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Cancel-on-disconnect (SPEC section 11 v2) when the server is the one that closes: a connection closed with
 * 1008 for flooding (the limits' application and clock of {@link SocketLimitTests}) still cancels its
 * account's live orders with DISCONNECT.
 */
@EdgeLimitsTest
class CancelOnServerCloseTests extends SocketTestBase {
    @Autowired
    ManualClock clock;

    @Test
    void aConnectionTheServerClosesForFloodingStillCancelsItsOrders() {
        clock.advance(Duration.ofMinutes(1));
        Trader trader = newFundedTrader("100000");
        String market = "CD" + (System.nanoTime() % 1_000_000) + "-USD-PERP";
        api.post("/api/v1/admin/markets", ADMIN_KEY, MarketJson.btcLike(market).json())
                .assertStatus(201);
        api.post("/api/v1/orders", trader.apiKey(), """
                        {"market":"%s","side":"BUY","type":"LIMIT","size":"0.1","price":"60000"}""".formatted(market)).assertStatus(201);
        SocketClient flooder = SocketClient.connectAs(port, "198.51.100.250");
        flooder.ask(
                "{\"op\":\"auth\",\"apiKey\":\"" + trader.apiKey() + "\",\"cancelOnDisconnect\":true}",
                "authenticated");
        try {
            for (int i = 0; i < 50; i++) {
                flooder.send("{\"op\":\"ping\"}");
            }
        } catch (CompletionException closedWhileSending) {
            // The server closed after the burst while later frames were still going out.
        }

        assertThat(flooder.awaitClosed().code()).isEqualTo(1008);
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> api.get("/api/v1/orders", trader.apiKey()).json().isEmpty());
        JsonNode cancelled =
                api.get("/api/v1/orders?status=CANCELLED", trader.apiKey()).json();
        assertThat(cancelled).hasSize(1);
        assertThat(cancelled.get(0).path("cancelReason").asString()).isEqualTo("DISCONNECT");
        flooder.close();
    }
}
