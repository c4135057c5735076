package io.bulwark.candle;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.order.TradingApiTestBase;
import io.bulwark.web.socket.SocketClient;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The {@code candles} WebSocket channel: per market and interval, the open candle after every change. */
class CandleChannelTests extends TradingApiTestBase {

    @Test
    void aSubscriberGetsTheOpenCandleAfterEachTradeAsTheReadModelHasIt() {
        String market = newMarket();
        Trader alice = newFundedTrader("100000");
        Trader bob = newFundedTrader("100000");
        markAt(market, "65000");
        try (SocketClient socket = SocketClient.connect(port)) {
            JsonNode ack = socket.ask(
                    "{\"op\":\"subscribe\",\"channel\":\"candles\",\"market\":\"" + market + "\",\"interval\":\"1h\"}",
                    "subscribed");
            assertThat(ack.path("interval").asString()).isEqualTo("1h");

            trade(alice, bob, market, "0.1", "65000");
            JsonNode first = socket.next("candle");
            assertThat(first.path("channel").asString()).isEqualTo("candles");
            assertThat(first.path("market").asString()).isEqualTo(market);
            assertThat(first.path("interval").asString()).isEqualTo("1h");
            assertThat(first.path("closed").asBoolean()).isFalse();
            assertThat(first.path("journalSequence").asLong()).isPositive();

            trade(alice, bob, market, "0.2", "65010");
            JsonNode candle = socket.next("candle");
            while (candle.path("closed").asBoolean()
                    || candle.path("openTime")
                                    .asString()
                                    .equals(first.path("openTime").asString())
                            && candle.path("trades").asLong() < 2) {
                candle = socket.next("candle");
            }
            assertThat(candle.path("sequence").asLong())
                    .isGreaterThan(first.path("sequence").asLong());
            JsonNode rest = api.get("/api/v1/markets/" + market + "/candles?interval=1h", null)
                    .assertStatus(200)
                    .json();
            JsonNode last = rest.get(rest.size() - 1);
            assertThat(candle.path("openTime").asString())
                    .isEqualTo(last.path("openTime").asString());
            for (String field : new String[] {"open", "high", "low", "close", "volume", "quoteVolume"}) {
                assertThat(new BigDecimal(candle.path(field).asString()))
                        .as(field)
                        .isEqualByComparingTo(last.path(field).asString());
            }
            assertThat(candle.path("trades").asLong())
                    .isEqualTo(last.path("trades").asLong());
        }
    }
}
