package io.bulwark.trade;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.order.TradingApiTestBase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The public order book and trades, and the traders' fills, over HTTP. */
class MarketDataApiTests extends TradingApiTestBase {

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asString()));
        return out;
    }

    @Test
    void theOrderBookAggregatesLevelsBestFirstAndIsPublic() {
        String market = newMarket();
        Trader alice = newFundedTrader("100000");
        Trader bob = newFundedTrader("100000");
        placed(alice, Ticket.limit(market, "BUY", "0.5", "64990"));
        placed(bob, Ticket.limit(market, "BUY", "0.25", "64990"));
        placed(alice, Ticket.limit(market, "BUY", "1", "65000.5"));
        placed(alice, Ticket.limit(market, "BUY", "2", "64000"));
        placed(bob, Ticket.limit(market, "SELL", "0.3", "65010"));
        placed(bob, Ticket.limit(market, "SELL", "0.1", "65001"));
        placed(bob, Ticket.triggered(market, "SELL", "STOP_MARKET", "1", "60000")); // not in the book

        JsonNode book = api.get("/api/v1/markets/" + market + "/orderbook", null)
                .assertStatus(200)
                .json();

        assertThat(book.path("market").asString()).isEqualTo(market);
        assertThat(book.path("sequence").isIntegralNumber()).isTrue();
        assertThat(book.path("bids").toString())
                .isEqualTo("[[\"65000.5\",\"1\"],[\"64990\",\"0.75\"],[\"64000\",\"2\"]]");
        assertThat(book.path("asks").toString()).isEqualTo("[[\"65001\",\"0.1\"],[\"65010\",\"0.3\"]]");
        JsonNode top = api.get("/api/v1/markets/" + market + "/orderbook?depth=1", null)
                .json();
        assertThat(top.path("bids").toString()).isEqualTo("[[\"65000.5\",\"1\"]]");
        assertThat(top.path("asks").toString()).isEqualTo("[[\"65001\",\"0.1\"]]");
        assertThat(api.get("/api/v1/markets/" + market + "/orderbook?depth=500", alice.apiKey())
                        .status())
                .isEqualTo(200);

        api.get("/api/v1/markets/" + market + "/orderbook?depth=0", null).assertProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/markets/" + market + "/orderbook?depth=501", null).assertProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/markets/" + market + "/orderbook?depth=x", null).assertProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/markets/NOPE-USD-PERP/orderbook", null).assertProblem(404, "UNKNOWN_MARKET");
    }

    @Test
    void recentTradesAreNewestFirstPublicAndPaged() {
        String market = newMarket();
        Trader alice = newFundedTrader("100000");
        Trader bob = newFundedTrader("100000");
        markAt(market, "65000");
        placed(alice, Ticket.limit(market, "SELL", "0.1", "65000"));
        placed(alice, Ticket.limit(market, "SELL", "0.2", "65001"));
        JsonNode sweep = placed(bob, Ticket.limit(market, "BUY", "0.3", "65001")); // two trades in one command
        placed(bob, Ticket.limit(market, "BUY", "0.4", "64000"));
        JsonNode hit = placed(alice, Ticket.limit(market, "SELL", "0.4", "64000"));
        String sweepId = sweep.path("orderId").asString();
        String hitId = hit.path("orderId").asString();

        JsonNode trades = api.get("/api/v1/markets/" + market + "/trades", null)
                .assertStatus(200)
                .json();

        assertThat(texts(trades, "tradeId")).containsExactly(hitId + "-1", sweepId + "-2", sweepId + "-1");
        assertThat(texts(trades, "price")).containsExactly("64000", "65001", "65000");
        assertThat(texts(trades, "size")).containsExactly("0.4", "0.2", "0.1");
        assertThat(texts(trades, "takerSide")).containsExactly("SELL", "BUY", "BUY");
        assertThat(trades.get(0).path("sequence").asLong()).isEqualTo(Long.parseLong(hitId));
        assertThat(trades.get(0).path("market").asString()).isEqualTo(market);
        assertThat(trades.get(0).path("time").asString())
                .isEqualTo(hit.path("createdAt").asString());

        String base = "/api/v1/markets/" + market + "/trades";
        assertThat(texts(api.get(base + "?limit=2", null).json(), "tradeId"))
                .containsExactly(hitId + "-1", sweepId + "-2");
        assertThat(texts(api.get(base + "?before=" + sweepId + "-2", null).json(), "tradeId"))
                .containsExactly(sweepId + "-1");
        assertThat(texts(api.get(base + "?before=" + hitId, null).json(), "tradeId"))
                .containsExactly(sweepId + "-2", sweepId + "-1");
        assertThat(api.get(base + "?before=" + sweepId + "-1", null).json().isEmpty())
                .isTrue();
        api.get(base + "?before=12-x", null).assertProblem(400, "VALIDATION_FAILED");
        api.get(base + "?limit=501", null).assertProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/markets/NOPE-USD-PERP/trades", null).assertProblem(404, "UNKNOWN_MARKET");
    }

    @Test
    void fillsAreTheCallersOwnNewestFirstFilteredAndPaged() {
        String market = newMarket();
        String other = newMarket();
        Trader alice = newFundedTrader("100000");
        Trader bob = newFundedTrader("100000");
        markAt(market, "65000");
        markAt(other, "3000");
        placed(alice, Ticket.limit(market, "SELL", "0.1", "65000"));
        placed(alice, Ticket.limit(market, "SELL", "0.2", "65001"));
        String sweep = placed(bob, Ticket.limit(market, "BUY", "0.3", "65001"))
                .path("orderId")
                .asString();
        placed(bob, Ticket.limit(other, "SELL", "0.5", "3000"));
        String hit = placed(alice, Ticket.limit(other, "BUY", "0.5", "3000"))
                .path("orderId")
                .asString();

        JsonNode aliceFills =
                api.get("/api/v1/fills", alice.apiKey()).assertStatus(200).json();
        assertThat(texts(aliceFills, "fillId")).containsExactly(hit + "-1-T", sweep + "-2-M", sweep + "-1-M");
        assertThat(texts(aliceFills, "liquidity")).containsExactly("TAKER", "MAKER", "MAKER");
        assertThat(texts(aliceFills, "side")).containsExactly("BUY", "SELL", "SELL");
        assertThat(texts(aliceFills, "fee")).containsExactly("0.75", "2.60004", "1.3"); // taker 0.0005, maker 0.0002
        JsonNode bobFills = api.get("/api/v1/fills", bob.apiKey()).json();
        assertThat(texts(bobFills, "fillId")).containsExactly(hit + "-1-M", sweep + "-2-T", sweep + "-1-T");

        String key = alice.apiKey();
        assertThat(texts(api.get("/api/v1/fills?market=" + market, key).json(), "fillId"))
                .containsExactly(sweep + "-2-M", sweep + "-1-M");
        assertThat(texts(api.get("/api/v1/fills?limit=1", key).json(), "fillId"))
                .containsExactly(hit + "-1-T");
        assertThat(texts(
                        api.get("/api/v1/fills?limit=1&before=" + hit + "-1-T", key)
                                .json(),
                        "fillId"))
                .containsExactly(sweep + "-2-M");
        assertThat(texts(api.get("/api/v1/fills?before=" + sweep + "-2", key).json(), "fillId"))
                .containsExactly(sweep + "-1-M");
        api.get("/api/v1/fills?before=abc", key).assertProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/fills?limit=0", key).assertProblem(400, "VALIDATION_FAILED");
        api.get("/api/v1/fills?market=NOPE-USD-PERP", key).assertProblem(404, "UNKNOWN_MARKET");
        api.get("/api/v1/fills", null).assertProblem(401, "UNAUTHENTICATED");
    }
}
