package io.bulwark.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.order.OrderState;
import io.bulwark.engine.order.OrderStatus;
import io.bulwark.journal.JournalConnections;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The orders read model: it agrees with the engine after a flow, and its upsert survives group commits. */
class OrderReadModelTests extends TradingApiTestBase {

    @Autowired
    OrderRowRepository orders;

    @Autowired
    JournalConnections connections;

    @Test
    void theReadModelAgreesWithTheEngineAfterAFlow() {
        String market = newMarket();
        Trader alice = newFundedTrader("100000");
        Trader bob = newFundedTrader("100000");
        markAt(market, "65000");
        String resting = placed(alice, Ticket.limit(market, "SELL", "1", "65000"))
                .path("orderId")
                .asString();
        placed(bob, Ticket.limit(market, "BUY", "0.25", "65000"));
        String amended = placed(alice, Ticket.limit(market, "SELL", "1", "65100"))
                .path("orderId")
                .asString();
        api.patch("/api/v1/orders/" + amended, alice.apiKey(), "{\"price\":\"65200\",\"size\":\"0.5\"}")
                .assertStatus(200);
        placed(
                alice,
                Ticket.triggered(market, "BUY", "STOP_LIMIT", "0.1", "70000").with("price", "70000"));
        String cancelled = placed(alice, Ticket.limit(market, "BUY", "0.1", "60000"))
                .path("orderId")
                .asString();
        api.delete("/api/v1/orders/" + cancelled, alice.apiKey()).assertStatus(200);
        placed(alice, Ticket.limit(market, "BUY", "1", "64000").tif("IOC"));
        placed(bob, Ticket.market(market, "BUY", "0.5"));

        List<JsonNode> seen = List.of(
                api.get("/api/v1/orders?status=FILLED", alice.apiKey()).json(),
                api.get("/api/v1/orders?status=CANCELLED", alice.apiKey()).json(),
                api.get("/api/v1/orders", alice.apiKey()).json());
        List<OrderState> live = gateway.query(view -> view.liveOrders(alice.accountId(), ""));
        Map<Long, OrderRow> rows = orders.findByAccountIdOrderByOrderId(alice.accountId()).stream()
                .collect(Collectors.toMap(OrderRow::orderId, Function.identity()));

        assertThat(rows).hasSize(5);
        assertThat(seen.stream().mapToInt(JsonNode::size).sum()).isEqualTo(5);
        for (OrderState state : live) {
            OrderRow row = rows.get(Long.parseLong(state.orderId()));
            assertThat(row.status()).isEqualTo(state.status().name());
            assertThat(row.filledSize()).isEqualByComparingTo(state.filledSize());
            assertThat(row.size()).isEqualByComparingTo(state.size());
            assertThat(row.price()).isEqualByComparingTo(state.price());
            assertThat(row.updatedAt().toEpochMilli()).isEqualTo(state.updatedAt());
        }
        assertThat(rows.get(Long.parseLong(resting)).status()).isEqualTo("PARTIALLY_FILLED");
        assertThat(rows.get(Long.parseLong(resting)).filledSize()).isEqualByComparingTo("0.75");
        assertThat(rows.get(Long.parseLong(amended)).price()).isEqualByComparingTo("65200");
        assertThat(rows.get(Long.parseLong(cancelled)).cancelReason()).isEqualTo("USER");
        assertThat(rows.values().stream()
                        .filter(r -> OrderStatus.valueOf(r.status()).isLive()))
                .hasSameSizeAs(live);
    }

    @Test
    void concurrentFillsOfOneOrderLeaveTheReadModelEqualToTheEngine() throws Exception {
        String market = newMarket();
        Trader maker = newFundedTrader("1000000");
        markAt(market, "65000");
        String ask = placed(maker, Ticket.limit(market, "SELL", "10", "65000"))
                .path("orderId")
                .asString();
        List<Trader> takers = List.of(
                newFundedTrader("100000"),
                newFundedTrader("100000"),
                newFundedTrader("100000"),
                newFundedTrader("100000"));
        ExecutorService pool = Executors.newFixedThreadPool(takers.size() * 2);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                Trader taker = takers.get(i % takers.size());
                answers.add(pool.submit(() -> place(taker, Ticket.limit(market, "BUY", "0.1", "65000"))
                        .status()));
            }
            for (Future<Integer> answer : answers) {
                assertThat(answer.get(30, TimeUnit.SECONDS)).isEqualTo(201);
            }
        } finally {
            pool.shutdownNow();
        }

        OrderState engine =
                gateway.query(view -> view.liveOrder(maker.accountId(), ask)).orElseThrow();
        OrderRow row = orders.findByOrderIdAndAccountId(Long.parseLong(ask), maker.accountId())
                .orElseThrow();
        assertThat(engine.filledSize()).isEqualByComparingTo("4");
        assertThat(row.filledSize()).isEqualByComparingTo(engine.filledSize());
        assertThat(row.status()).isEqualTo(engine.status().name());
        assertThat(row.averageFillPrice()).isEqualByComparingTo(engine.averageFillPrice());
        assertThat(row.updatedAt().toEpochMilli()).isEqualTo(engine.updatedAt());
        JsonNode answered = api.get("/api/v1/orders/" + ask, maker.apiKey()).json();
        assertThat(answered.path("fills").size()).isEqualTo(40);
        assertThat(api.get("/api/v1/fills?limit=500", maker.apiKey()).json().size())
                .isEqualTo(40);
    }

    @Test
    void oneBatchCanChangeAnOrderSeveralTimesAndTheLastStateWins() throws Exception {
        OrderState open = state("OPEN", "0", null);
        OrderState partial = state("PARTIALLY_FILLED", "0.5", null);
        OrderState cancelled = state("CANCELLED", "0.5", "USER");
        try (Connection connection = connections.open("test")) {
            connection.setAutoCommit(false);
            try (PreparedStatement upsert = connection.prepareStatement(OrderProjection.UPSERT)) {
                add(upsert, OrderProjection.row(open, 900_000_001L));
                add(upsert, OrderProjection.row(partial, 900_000_002L));
                add(upsert, OrderProjection.row(cancelled, 900_000_002L));
                upsert.executeBatch();
                add(upsert, OrderProjection.row(open, 900_000_001L)); // late and stale: ignored
                upsert.executeBatch();
            }
            try (PreparedStatement read = connection.prepareStatement(
                    "SELECT status, filled_size, cancel_reason, updated_sequence FROM orders WHERE order_id = ?")) {
                read.setLong(1, 900_000_001L);
                ResultSet rs = read.executeQuery();
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("CANCELLED");
                assertThat(rs.getBigDecimal(2)).isEqualByComparingTo("0.5");
                assertThat(rs.getString(3)).isEqualTo("USER");
                assertThat(rs.getLong(4)).isEqualTo(900_000_002L);
            }
            connection.rollback();
        }
    }

    private static void add(PreparedStatement statement, Object[] row) throws Exception {
        for (int i = 0; i < row.length; i++) {
            statement.setObject(i + 1, row[i]);
        }
        statement.addBatch();
    }

    private static OrderState state(String status, String filled, String reason) {
        return new OrderState(
                "900000001",
                "",
                "acct-x",
                "XM-USD-PERP",
                io.bulwark.engine.order.Side.BUY,
                io.bulwark.engine.order.OrderType.LIMIT,
                io.bulwark.engine.order.TimeInForce.GTC,
                new BigDecimal("100"),
                null,
                BigDecimal.ONE,
                new BigDecimal(filled),
                filled.equals("0") ? null : new BigDecimal("100"),
                false,
                OrderStatus.valueOf(status),
                reason == null ? null : io.bulwark.engine.order.CancelReason.valueOf(reason),
                1_000L,
                2_000L);
    }
}
