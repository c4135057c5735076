package io.bulwark.candle;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.order.TradingApiTestBase;
import io.bulwark.web.socket.SocketClient;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The {@code ticker} WebSocket channel: a snapshot on subscribe, then the latest ticker after changes. */
class TickerChannelTests extends TradingApiTestBase {

    @Test
    void aSubscriberGetsTheTickerThenItsChanges() {
        String market = newMarket();
        Trader alice = newFundedTrader("100000");
        Trader bob = newFundedTrader("100000");
        markAt(market, "65000");
        try (SocketClient socket = SocketClient.connect(port)) {
            socket.ask("{\"op\":\"subscribe\",\"channel\":\"ticker\",\"market\":\"" + market + "\"}", "subscribed");
            JsonNode snapshot = socket.next("snapshot");
            assertThat(snapshot.path("channel").asString()).isEqualTo("ticker");
            assertThat(snapshot.path("market").asString()).isEqualTo(market);
            assertThat(snapshot.path("trades24h").asLong()).isZero();
            assertThat(new BigDecimal(snapshot.path("indexPrice").asString())).isEqualByComparingTo("65000");

            trade(alice, bob, market, "0.1", "65000");
            trade(alice, bob, market, "0.2", "65010");
            // Coalesced: however the two trades fall into the 100 ms periods, the last ticker has both.
            JsonNode ticker = socket.next("ticker");
            while (ticker.path("trades24h").asLong() < 2) {
                ticker = socket.next("ticker");
            }
            assertThat(ticker.path("channel").asString()).isEqualTo("ticker");
            assertThat(new BigDecimal(ticker.path("lastPrice").asString())).isEqualByComparingTo("65010");
            assertThat(new BigDecimal(ticker.path("volume24h").asString())).isEqualByComparingTo("0.3");
            assertThat(ticker.path("sequence").asLong())
                    .as("the channel's own per-market sequence")
                    .isGreaterThan(snapshot.path("sequence").asLong());
            assertThat(ticker.path("journalSequence").asLong()).isPositive();
        }
    }
}
