package io.bulwark.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.command.PostOraclePrices;
import io.bulwark.engine.event.OraclePriceRejected;
import io.bulwark.engine.event.Outcome;
import io.bulwark.journal.EngineGateway;
import io.bulwark.testsupport.MarketJson;
import io.bulwark.web.ApiClient;
import io.bulwark.web.HttpApiTestBase;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the trading API tests: each test lists its own market (BTC-like: tick 0.1, step 0.001, IMF 0.02,
 * maker 0.0002, taker 0.0005), so no test sees another's book, trades or mark price.
 */
public abstract class TradingApiTestBase extends HttpApiTestBase {
    private static final AtomicInteger MARKETS = new AtomicInteger();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int FEED_UPDATES = 3;

    @Autowired
    protected EngineGateway gateway;

    /** Lists a new market and returns its name. */
    protected String newMarket() {
        String name = "Q" + (System.nanoTime() % 100_000) + "N" + MARKETS.incrementAndGet() + "-USD-PERP";
        operator.createMarket(MarketJson.btcLike(name));
        return name;
    }

    protected ApiClient.Response place(Trader trader, Ticket ticket) {
        return api.post("/api/v1/orders", trader.apiKey(), ticket.json());
    }

    /** Places an order that must be accepted as new (201) and returns it. */
    protected JsonNode placed(Trader trader, Ticket ticket) {
        ApiClient.Response response = place(trader, ticket).assertStatus(201);
        return response.json();
    }

    /** Places a resting sell and a crossing buy (the market needs a mark price: {@link #markAt}). */
    protected void trade(Trader seller, Trader buyer, String market, String size, String price) {
        placed(seller, Ticket.limit(market, "SELL", size, price));
        assertThat(placed(buyer, Ticket.limit(market, "BUY", size, price))
                        .path("status")
                        .asString())
                .isEqualTo("FILLED");
    }

    /**
     * Gives a market a healthy oracle price: {@value #FEED_UPDATES} accepted updates at {@code price} from one
     * source. With a one-sided or empty book the mark is then {@code price}. Orders that trade need a mark.
     */
    protected void markAt(String market, String price) {
        long now = System.currentTimeMillis();
        List<PostOraclePrices.Quote> quotes = new ArrayList<>();
        for (int i = 0; i < FEED_UPDATES; i++) {
            quotes.add(new PostOraclePrices.Quote(market, "test-feed", price, now));
        }
        Outcome outcome = gateway.submit(new PostOraclePrices(quotes), "test");
        assertThat(outcome)
                .isInstanceOfSatisfying(
                        Outcome.Applied.class,
                        applied -> assertThat(applied.events()).noneMatch(OraclePriceRejected.class::isInstance));
    }

    protected List<String> liveOrderIds(Trader trader) {
        ApiClient.Response response = api.get("/api/v1/orders", trader.apiKey()).assertStatus(200);
        List<String> ids = new ArrayList<>();
        response.json().forEach(o -> ids.add(o.path("orderId").asString()));
        return ids;
    }

    /** An order request body, built field by field. */
    public static final class Ticket {
        private final Map<String, Object> fields = new LinkedHashMap<>();

        private Ticket(String market, String side, String type, String size) {
            fields.put("market", market);
            fields.put("side", side);
            fields.put("type", type);
            fields.put("size", size);
        }

        public static Ticket limit(String market, String side, String size, String price) {
            return new Ticket(market, side, "LIMIT", size).with("price", price);
        }

        public static Ticket market(String market, String side, String size) {
            return new Ticket(market, side, "MARKET", size);
        }

        public static Ticket triggered(String market, String side, String type, String size, String triggerPrice) {
            return new Ticket(market, side, type, size).with("triggerPrice", triggerPrice);
        }

        /** Sets (or, with null, removes) a field; the value is written as JSON as it is. */
        public Ticket with(String field, Object value) {
            if (value == null) {
                fields.remove(field);
            } else {
                fields.put(field, value);
            }
            return this;
        }

        public Ticket tif(String timeInForce) {
            return with("timeInForce", timeInForce);
        }

        public Ticket clientOrderId(String id) {
            return with("clientOrderId", id);
        }

        public String json() {
            return JSON.writeValueAsString(fields);
        }
    }
}
