package io.bulwark.web.socket;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.command.ChangeTradingState;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.state.TradingState;
import io.bulwark.testsupport.MarketJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The wire format of the channel messages, field by field and in order, and the order in which one
 * connection hears them. The features write the messages ({@code SocketMessages} beans); this pins what a
 * client sees, so moving a message between packages cannot change it unnoticed.
 */
class SocketWireFormatTests extends SocketTestBase {
    private static final Duration QUIET = Duration.ofMillis(800);
    private static final String ACCOUNT = "type=s channel=s accountId=s sequence=n time=s";
    private static final String MARKET = "type=s channel=s market=s sequence=n journalSequence=n time=s";
    private static final String BALANCE = "balance: " + ACCOUNT + " balance=s change=s kind=s reference=s";
    private static final String ORDER = "order: " + ACCOUNT
            + " orderId=s clientOrderId=null market=s side=s orderType=s timeInForce=s price=s triggerPrice=null"
            + " size=s filledSize=s averageFillPrice=%s reduceOnly=b status=s cancelReason=null createdAt=s updatedAt=s";
    private static final String ORDER_RESTING = ORDER.formatted("null");
    private static final String ORDER_FILLED = ORDER.formatted("s");
    private static final String FILL =
            "fill: " + ACCOUNT + " fillId=s orderId=s market=s side=s price=s size=s fee=s liquidity=s";
    private static final String POSITION = "position: " + ACCOUNT + " market=s size=s entryPrice=s realizedPnl=s";
    private static final String BOOK_SNAPSHOT = "snapshot: " + MARKET + " bids=a asks=a";
    private static final String BOOK_UPDATE = "update: " + MARKET + " bids=a asks=a";
    private static final String TRADE = "trade: " + MARKET + " tradeId=s price=s size=s takerSide=s";
    private static final String PRICE =
            "price: " + MARKET + " indexPrice=s markPrice=s priceHealthy=b fundingRate=s nextFundingTime=null";
    private static final String ACCOUNT_SNAPSHOT = "snapshot: " + ACCOUNT + " account=o positions=a orders=a";
    private static final String STATE =
            "state: type=s channel=s sequence=n time=s market=s from=s to=s reason=s forced=b";

    @Test
    void channelMessagesKeepTheirFieldsAndTheirOrder() {
        String market = "WIRE" + System.nanoTime() % 1_000_000 + "-USD-PERP";
        api.post("/api/v1/admin/markets", ADMIN_KEY, MarketJson.cents(market).json())
                .assertStatus(201);
        oraclePrice(market, "100");
        Trader alice = newFundedTrader("10000");
        Trader bob = newFundedTrader("10000");
        place(alice, market, Side.BUY, "1", "99");
        SocketClient aliceSocket = subscribed(connectAs(alice.apiKey()), "account", null);
        SocketClient bobSocket = subscribed(connectAs(bob.apiKey()), "account", null);
        SocketClient book = subscribed(connect(), "orderbook", market);
        SocketClient trades = subscribed(connect(), "trades", market);
        SocketClient prices = subscribed(connect(), "prices", market);
        SocketClient status = subscribed(connect(), "status", null);

        deposit(alice.accountId(), "5");
        place(alice, market, Side.SELL, "2", "100.5");
        place(bob, market, Side.BUY, "1.5", "100.5");
        oraclePrice(market, "101");
        gateway.submit(new ChangeTradingState(market, TradingState.POST_ONLY, "wire test", "test", false), "test");

        // Within one command the balances come first, then the trading messages in event order.
        assertThat(shapes(aliceSocket))
                .containsExactly(ACCOUNT_SNAPSHOT, BALANCE, ORDER_RESTING, BALANCE, FILL, ORDER_FILLED, POSITION);
        assertThat(shapes(bobSocket)).containsExactly(ACCOUNT_SNAPSHOT, BALANCE, FILL, ORDER_FILLED, POSITION);
        assertThat(shapes(book)).containsExactly(BOOK_SNAPSHOT, BOOK_UPDATE, BOOK_UPDATE);
        assertThat(shapes(trades)).containsExactly(TRADE);
        assertThat(shapes(prices)).containsExactly(PRICE);
        assertThat(shapes(status)).containsExactly(STATE);
    }

    private static SocketClient subscribed(SocketClient client, String channel, String market) {
        client.ask(
                "{\"op\":\"subscribe\",\"channel\":\"" + channel + "\""
                        + (market == null ? "" : ",\"market\":\"" + market + "\"") + "}",
                "subscribed");
        return client;
    }

    /** Every message the client hears until it goes quiet, each as its type and its fields with their JSON kinds. */
    private static List<String> shapes(SocketClient client) {
        List<String> shapes = new ArrayList<>();
        for (Optional<JsonNode> m = client.poll(QUIET); m.isPresent(); m = client.poll(QUIET)) {
            shapes.add(shape(m.get()));
        }
        return shapes;
    }

    private static String shape(JsonNode message) {
        StringBuilder shape = new StringBuilder(message.path("type").asString()).append(':');
        message.properties()
                .forEach(field ->
                        shape.append(' ').append(field.getKey()).append('=').append(kind(field.getValue())));
        return shape.toString();
    }

    private static String kind(JsonNode value) {
        if (value.isString()) {
            return "s";
        }
        if (value.isNumber()) {
            return "n";
        }
        if (value.isBoolean()) {
            return "b";
        }
        if (value.isNull()) {
            return "null";
        }
        return value.isArray() ? "a" : "o";
    }
}
