package io.bulwark.web.socket;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.command.PostOraclePrices;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.order.Side;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Trading events reach the market and account channels, in order and without gaps. */
class TradingChannelsTests extends SocketTestBase {
    private String market;

    @BeforeEach
    void pricedMarket() {
        market = pricedMarket("WS");
    }

    private Outcome place(Trader trader, Side side, String size, String price) {
        return place(trader, market, side, size, price);
    }

    private void subscribe(SocketClient client, String channel, String market) {
        client.ask(
                "{\"op\":\"subscribe\",\"channel\":\"" + channel + "\""
                        + (market == null ? "" : ",\"market\":\"" + market + "\"") + "}",
                "subscribed");
    }

    @Test
    void aPriceCarriesTheFundingRateAndTheNextFundingTime() {
        SocketClient watcher = connect();
        subscribe(watcher, "prices", market);
        long now = System.currentTimeMillis();

        gateway.submit(new PostOraclePrices(List.of(new PostOraclePrices.Quote(market, "a", "101", now))), "test");

        JsonNode price = watcher.next("price");
        JsonNode ticker = api.get("/api/v1/markets/" + market + "/ticker", null)
                .assertStatus(200)
                .json();
        assertThat(new BigDecimal(price.path("fundingRate").asString()))
                .isEqualByComparingTo(ticker.path("fundingRate").asString());
        assertThat(price.path("nextFundingTime")).isEqualTo(ticker.path("nextFundingTime"));
    }

    @Test
    void aFillReachesBothTradersAndTheTradesChannel() {
        Trader alice = newFundedTrader("10000");
        Trader bob = newFundedTrader("10000");
        SocketClient aliceSocket = connectAs(alice.apiKey());
        SocketClient bobSocket = connectAs(bob.apiKey());
        SocketClient watcher = connect();
        subscribe(aliceSocket, "account", null);
        subscribe(bobSocket, "account", null);
        subscribe(watcher, "trades", market);

        assertThat(place(alice, Side.SELL, "2", "100.5")).isInstanceOf(Outcome.Applied.class);
        assertThat(place(bob, Side.BUY, "1.5", "100.5")).isInstanceOf(Outcome.Applied.class);

        JsonNode trade = watcher.next("trade");
        assertThat(trade.path("price").asString()).isEqualTo("100.5");
        assertThat(trade.path("size").asString()).isEqualTo("1.5");
        assertThat(trade.path("takerSide").asString()).isEqualTo("BUY");
        JsonNode makerFill = aliceSocket.next("fill");
        assertThat(makerFill.path("liquidity").asString()).isEqualTo("MAKER");
        assertThat(makerFill.path("fee").asString())
                .isEqualTo("0.03015"); // 150.75 x 0.0002 (canonical text: no trailing zeros)
        JsonNode takerFill = bobSocket.next("fill");
        assertThat(takerFill.path("liquidity").asString()).isEqualTo("TAKER");
        assertThat(takerFill.path("market").asString()).isEqualTo(market);
        assertThat(bobSocket.next("position").path("size").asString()).isEqualTo("1.5");
        assertThat(aliceSocket.next(
                        m -> m.path("type").asString().equals("order")
                                && m.path("status").asString().equals("PARTIALLY_FILLED"),
                        "alice's order partially filled"))
                .isNotNull();
    }

    @Test
    void orderbookUpdatesFollowTheSnapshotWithoutGaps() {
        Trader maker = newFundedTrader("100000");
        place(maker, Side.BUY, "1", "99");
        SocketClient watcher = connect();
        subscribe(watcher, "orderbook", market);
        JsonNode snapshot = watcher.next("snapshot");
        assertThat(snapshot.path("bids").get(0).get(0).asString()).isEqualTo("99");

        for (int i = 0; i < 20; i++) {
            place(maker, i % 2 == 0 ? Side.BUY : Side.SELL, "0.1", i % 2 == 0 ? "98.5" : "101." + i);
        }
        List<Long> sequences = new ArrayList<>();
        long previous = snapshot.path("sequence").asLong();
        for (int i = 0; i < 20; i++) {
            JsonNode update = watcher.next("update");
            sequences.add(update.path("sequence").asLong());
            assertThat(update.path("sequence").asLong()).as("gap-free").isEqualTo(previous + 1);
            previous = update.path("sequence").asLong();
        }
        assertThat(sequences).hasSize(20);
    }
}
