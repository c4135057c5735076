package io.bulwark.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.event.Traded;
import io.bulwark.journal.Committed;
import io.bulwark.journal.Projection;
import io.bulwark.journal.SqlBatch;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * A history read answers with the caller's own writes although the read models are written after the commit:
 * here every projector transaction that holds a trade is held up for seconds (a slow read model), so an order
 * filled and read at once would be missing from the {@code orders} and {@code fills} read models if the read did not wait for the
 * projector.
 */
@Import(ReadYourWritesTests.SlowReadModel.class)
@TestPropertySource(properties = "bulwark.engine.read-model-wait=60s")
class ReadYourWritesTests extends TradingApiTestBase {

    @TestConfiguration(proxyBeanMethods = false)
    static class SlowReadModel {
        @Bean
        Projection slowReadModel() {
            return new Projection() {
                @Override
                public void project(Committed entry, SqlBatch batch) {
                    // Once per projector transaction with a trade: the fill's read-model rows become visible 3 s
                    // late (under the projector connection.s 5 s statement timeout; the start-up.s commands, which
                    // trade nothing, are not held up).
                    if (entry.events().stream().anyMatch(Traded.class::isInstance)) {
                        batch.addLatest("DO $$ BEGIN PERFORM pg_sleep(3); END $$", "once");
                    }
                }
            };
        }
    }

    @Test
    void aFilledOrderAndItsFillAreReadBackAtOnce() {
        String market = newMarket();
        markAt(market, "65000");
        Trader maker = newFundedTrader("100000");
        Trader taker = newFundedTrader("100000");
        String ask = placed(maker, Ticket.limit(market, "SELL", "0.1", "65000"))
                .path("orderId")
                .asString();
        JsonNode bid = placed(taker, Ticket.limit(market, "BUY", "0.1", "65000"));
        assertThat(bid.path("status").asString()).isEqualTo("FILLED");

        // At once: the finished orders come from the orders read model, the fills from the fills read model.
        JsonNode makerOrder = api.get("/api/v1/orders/" + ask, maker.apiKey())
                .assertStatus(200)
                .json();
        assertThat(makerOrder.path("status").asString()).isEqualTo("FILLED");
        assertThat(makerOrder.path("fills").size()).isEqualTo(1);
        JsonNode takerOrder = api.get("/api/v1/orders/" + bid.path("orderId").asString(), taker.apiKey())
                .assertStatus(200)
                .json();
        assertThat(takerOrder.path("fills").size()).isEqualTo(1);
        JsonNode fills =
                api.get("/api/v1/fills", taker.apiKey()).assertStatus(200).json();
        assertThat(StreamSupport.stream(fills.spliterator(), false)
                        .map(f -> f.path("orderId").asString()))
                .containsExactly(bid.path("orderId").asString());
    }
}
