package io.bulwark.candle;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.order.TradingApiTestBase;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Tickers over HTTP: the 24 h figures from the trades, the book's best prices, the market's prices. */
class TickerApiTests extends TradingApiTestBase {

    @Test
    void aTickerHasThe24HourFiguresTheBestPricesAndTheMarketsPrices() {
        String market = newMarket();
        Trader alice = newFundedTrader("100000");
        Trader bob = newFundedTrader("100000");
        markAt(market, "65000");
        trade(alice, bob, market, "0.1", "65000");
        trade(alice, bob, market, "0.2", "65010");
        placed(bob, Ticket.limit(market, "BUY", "0.5", "64000"));
        placed(alice, Ticket.limit(market, "SELL", "0.4", "66000"));

        JsonNode ticker = api.get("/api/v1/markets/" + market + "/ticker", null)
                .assertStatus(200)
                .json();

        assertThat(ticker.path("market").asString()).isEqualTo(market);
        assertDecimal(ticker, "lastPrice", "65010");
        assertDecimal(ticker, "open24h", "65000");
        assertDecimal(ticker, "high24h", "65010");
        assertDecimal(ticker, "low24h", "65000");
        assertDecimal(ticker, "volume24h", "0.3");
        assertDecimal(ticker, "quoteVolume24h", "19502"); // 0.1 x 65000 + 0.2 x 65010
        assertDecimal(ticker, "priceChange24h", "10");
        assertThat(ticker.path("priceChangePercent24h").asString()).isEqualTo("0.02"); // 10 / 65000 = 0.0154 %
        assertThat(ticker.path("trades24h").asLong()).isEqualTo(2);
        assertDecimal(ticker, "bestBid", "64000");
        assertDecimal(ticker, "bestAsk", "66000");
        assertDecimal(ticker, "openInterest", "0.3");
        assertDecimal(ticker, "indexPrice", "65000");
        JsonNode view =
                api.get("/api/v1/markets/" + market, null).assertStatus(200).json();
        assertThat(ticker.path("markPrice").asString())
                .isEqualTo(view.path("markPrice").asString());
        assertThat(ticker.path("fundingRate").asString())
                .isEqualTo(view.path("fundingRate").asString());
        assertThat(ticker.path("sequence").asLong()).isPositive();
        assertThat(ticker.path("time").asString()).isNotEmpty();
        assertThat(ticker.has("nextFundingTime")).isTrue();

        JsonNode all = api.get("/api/v1/tickers", null).assertStatus(200).json();
        JsonNode listed = null;
        for (JsonNode t : all) {
            if (t.path("market").asString().equals(market)) {
                listed = t;
            }
        }
        assertThat(listed).as("/tickers lists the market").isNotNull();
        assertThat(listed.path("volume24h").asString())
                .isEqualTo(ticker.path("volume24h").asString());
        assertThat(listed.path("trades24h").asLong()).isEqualTo(2);
    }

    @Test
    void aMarketWithoutTradesHasAnEmptyWindow() {
        String market = newMarket();
        JsonNode ticker = api.get("/api/v1/markets/" + market + "/ticker", null)
                .assertStatus(200)
                .json();
        assertThat(ticker.path("lastPrice").isNull()).isTrue();
        assertThat(ticker.path("open24h").isNull()).isTrue();
        assertThat(ticker.path("priceChange24h").isNull()).isTrue();
        assertThat(ticker.path("bestBid").isNull()).isTrue();
        assertThat(ticker.path("volume24h").asString()).isEqualTo("0");
        assertThat(ticker.path("trades24h").asLong()).isZero();
        api.get("/api/v1/markets/NOPE-USD-PERP/ticker", null).assertProblem(404, "UNKNOWN_MARKET");
    }

    private static void assertDecimal(JsonNode node, String field, String expected) {
        assertThat(new BigDecimal(node.path(field).asString())).as(field).isEqualByComparingTo(expected);
    }
}
