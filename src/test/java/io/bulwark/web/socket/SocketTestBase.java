package io.bulwark.web.socket;

import static org.awaitility.Awaitility.await;

import io.bulwark.engine.command.PlaceOrder;
import io.bulwark.engine.command.PostOraclePrices;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.order.OrderType;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.order.TimeInForce;
import io.bulwark.journal.EngineGateway;
import io.bulwark.testsupport.MarketJson;
import io.bulwark.web.HttpApiTestBase;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * WebSocket tests share the HTTP tests' application. Each test closes the connections it opened and
 * waits until the server has let go of them, so the next one starts with no session open.
 */
abstract class SocketTestBase extends HttpApiTestBase {
    private static final AtomicInteger MARKETS = new AtomicInteger();
    private final List<SocketClient> clients = new ArrayList<>();

    @Autowired
    protected MeterRegistry meters;

    @Autowired
    protected EngineGateway gateway;

    /** Lists a new cents market ({@code prefix}N-USD-PERP) with a healthy price of 100; returns its name. */
    protected String pricedMarket(String prefix) {
        String market = prefix + MARKETS.incrementAndGet() + "-USD-PERP";
        api.post("/api/v1/admin/markets", ADMIN_KEY, MarketJson.cents(market).json())
                .assertStatus(201);
        oraclePrice(market, "100");
        return market;
    }

    /** The same price from three sources, straight to the engine. */
    protected void oraclePrice(String market, String price) {
        long now = System.currentTimeMillis();
        gateway.submit(
                new PostOraclePrices(List.of(
                        new PostOraclePrices.Quote(market, "a", price, now),
                        new PostOraclePrices.Quote(market, "b", price, now),
                        new PostOraclePrices.Quote(market, "c", price, now))),
                "test");
    }

    /** A GTC limit order, straight to the engine. */
    protected Outcome place(Trader trader, String market, Side side, String size, String price) {
        return gateway.submit(
                new PlaceOrder(
                        trader.accountId(),
                        market,
                        side,
                        OrderType.LIMIT,
                        TimeInForce.GTC,
                        new BigDecimal(price),
                        null,
                        new BigDecimal(size),
                        false,
                        ""),
                "test");
    }

    protected SocketClient connect() {
        SocketClient client = SocketClient.connect(port);
        clients.add(client);
        return client;
    }

    /** A connection authenticated with {@code apiKey}. */
    protected SocketClient connectAs(String apiKey) {
        SocketClient client = connect();
        client.ask("{\"op\":\"auth\",\"apiKey\":\"" + apiKey + "\"}", "authenticated");
        return client;
    }

    protected double openSessions() {
        return meters.get("bulwark.websocket.sessions").gauge().value();
    }

    @AfterEach
    void disconnect() {
        clients.forEach(SocketClient::close);
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> openSessions() == 0);
    }
}
