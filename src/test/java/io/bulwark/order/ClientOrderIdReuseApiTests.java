package io.bulwark.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.web.HttpApiTestBase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * SPEC section 4 (v2): once the engine forgot a client order id (its order ended, and the retention passed), the id
 * may name a new order; {@code /orders/by-client-id} then answers the live one, else the newest. Its own application
 * with a one-second retention.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "bulwark.admin-key=" + HttpApiTestBase.ADMIN_KEY,
            "bulwark.oracle.simulated=false",
            "bulwark.orders.client-order-id-retention-seconds=1"
        })
class ClientOrderIdReuseApiTests extends TradingApiTestBase {

    @Test
    void aForgottenClientOrderIdNamesTheNewOrderAndThenTheNewestOne() throws InterruptedException {
        String market = newMarket();
        Trader trader = newFundedTrader("100000");
        String first = placed(
                        trader, Ticket.limit(market, "BUY", "0.1", "60000").clientOrderId("reused"))
                .path("orderId")
                .asString();
        api.delete("/api/v1/orders/by-client-id/reused", trader.apiKey()).assertStatus(200);
        Thread.sleep(1_500); // engine time passes the retention
        placed(trader, Ticket.limit(market, "BUY", "0.1", "59000")); // a command after it: the engine forgets

        String second = placed(
                        trader, Ticket.limit(market, "BUY", "0.2", "60000").clientOrderId("reused"))
                .path("orderId")
                .asString();

        assertThat(second).isNotEqualTo(first);
        assertThat(api.get("/api/v1/orders/by-client-id/reused", trader.apiKey())
                        .assertStatus(200)
                        .text("orderId"))
                .as("the live one")
                .isEqualTo(second);
        api.delete("/api/v1/orders/by-client-id/reused", trader.apiKey()).assertStatus(200);
        assertThat(api.get("/api/v1/orders/by-client-id/reused", trader.apiKey())
                        .text("orderId"))
                .as("none live: the newest")
                .isEqualTo(second);
        api.delete("/api/v1/orders/by-client-id/reused", trader.apiKey()).assertProblem(404, "ORDER_NOT_FOUND");
    }
}
