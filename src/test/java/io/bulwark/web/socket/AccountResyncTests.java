package io.bulwark.web.socket;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.web.ApiClient;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Resync without races (SPEC section 11 v2): the account channel's {@code snapshot} and the messages after it
 * rebuild exactly the state the REST reads give, even when orders trade while the client subscribes.
 */
class AccountResyncTests extends SocketTestBase {
    private static final Set<String> LIVE = Set.of("OPEN", "PARTIALLY_FILLED", "UNTRIGGERED");

    private String market;

    @BeforeEach
    void pricedMarket() {
        market = pricedMarket("RS");
    }

    @Test
    void theSnapshotCarriesTheAccountItsPositionsAndOpenOrders() {
        Trader alice = newFundedTrader("1000");
        Trader bob = newFundedTrader("1000");
        String resting = order(alice, "BUY", "2", "90").text("orderId");
        order(bob, "SELL", "1", "100");
        order(alice, "BUY", "1", "100");
        SocketClient client = connectAs(alice.apiKey());

        client.ask("{\"op\":\"subscribe\",\"channel\":\"account\"}", "subscribed");
        JsonNode snapshot = client.next();

        assertThat(snapshot.path("type").asString()).isEqualTo("snapshot");
        assertThat(snapshot.path("channel").asString()).isEqualTo("account");
        assertThat(snapshot.path("accountId").asString()).isEqualTo(alice.accountId());
        ApiClient.Response account = api.get("/api/v1/account", alice.apiKey());
        assertThat(snapshot.path("sequence").asLong())
                .isEqualTo(Long.parseLong(
                        account.headers().firstValue("Bulwark-Sequence").orElseThrow()));
        assertThat(snapshot.path("account")).isEqualTo(account.json());
        assertThat(snapshot.path("positions"))
                .isEqualTo(api.get("/api/v1/positions", alice.apiKey()).json());
        assertThat(snapshot.path("orders")).hasSize(1);
        assertThat(snapshot.path("orders").get(0))
                .isEqualTo(api.get("/api/v1/orders/" + resting, alice.apiKey()).json());
    }

    @Test
    void snapshotAndMessagesAfterItRebuildTheRestStateUnderConcurrentTrading() throws Exception {
        Trader alice = newFundedTrader("100000");
        Trader bob = newFundedTrader("100000");
        AtomicInteger placed = new AtomicInteger();
        CompletableFuture<Void> traffic = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < 60; i++) {
                String price = Integer.toString(95 + i % 10);
                String aliceOrder =
                        order(alice, i % 2 == 0 ? "BUY" : "SELL", "1", price).text("orderId");
                order(bob, i % 2 == 0 ? "SELL" : "BUY", "0.5", price);
                if (i % 3 == 0) {
                    api.delete("/api/v1/orders/" + aliceOrder, alice.apiKey());
                }
                placed.incrementAndGet();
            }
        });
        List<SocketClient> clients = new ArrayList<>();
        for (int after : new int[] {5, 20, 40}) {
            while (placed.get() < after && !traffic.isDone()) {
                Thread.onSpinWait();
            }
            SocketClient client = connectAs(alice.apiKey());
            client.ask("{\"op\":\"subscribe\",\"channel\":\"account\"}", "subscribed");
            clients.add(client);
        }
        traffic.get();
        String marker = reference();
        operator.deposit(alice.accountId(), "1", marker).assertStatus(201);

        for (SocketClient client : clients) {
            Rebuilt rebuilt = rebuild(client, marker);
            assertThat(rebuilt.balance)
                    .isEqualByComparingTo(new BigDecimal(
                            api.get("/api/v1/account", alice.apiKey()).text("balance")));
            assertThat(rebuilt.liveOrders).isEqualTo(restLiveOrders(alice));
            assertThat(rebuilt.positions).isEqualTo(restPositions(alice));
        }
    }

    @Test
    void ownReadsCarryTheSequenceTheyReflect() {
        Trader alice = newFundedTrader("1000");
        Trader bob = newFundedTrader("1000");
        order(bob, "SELL", "1", "100");
        order(alice, "BUY", "1", "100");
        String resting = order(alice, "BUY", "1", "90").text("orderId");
        long deposited = deposit(alice.accountId(), "5")
                .assertStatus(201)
                .json()
                .path("sequence")
                .asLong();

        for (String path : List.of(
                "/api/v1/account",
                "/api/v1/positions",
                "/api/v1/orders",
                "/api/v1/orders?status=FILLED",
                "/api/v1/orders/" + resting,
                "/api/v1/fills")) {
            ApiClient.Response read = api.get(path, alice.apiKey()).assertStatus(200);
            assertThat(Long.parseLong(
                            read.headers().firstValue("Bulwark-Sequence").orElseThrow()))
                    .as(path)
                    .isGreaterThanOrEqualTo(deposited);
        }
    }

    private ApiClient.Response order(Trader trader, String side, String size, String price) {
        return api.post(
                        "/api/v1/orders",
                        trader.apiKey(),
                        "{\"market\":\"" + market + "\",\"side\":\"" + side + "\",\"type\":\"LIMIT\",\"size\":\"" + size
                                + "\",\"price\":\"" + price + "\",\"timeInForce\":\"GTC\"}")
                .assertStatus(201);
    }

    /** The state a client rebuilds from the snapshot and the messages after it, up to the marker deposit. */
    private static final class Rebuilt {
        BigDecimal balance;
        final Map<String, String> liveOrders = new HashMap<>();
        final Map<String, BigDecimal> positions = new HashMap<>();
    }

    private static Rebuilt rebuild(SocketClient client, String marker) {
        JsonNode snapshot = client.next();
        assertThat(snapshot.path("type").asString()).isEqualTo("snapshot");
        long snapshotSequence = snapshot.path("sequence").asLong();
        Rebuilt state = new Rebuilt();
        state.balance = new BigDecimal(snapshot.path("account").path("balance").asString());
        snapshot.path("orders")
                .forEach(o -> state.liveOrders.put(o.path("orderId").asString(), filled(o)));
        snapshot.path("positions").forEach(p -> position(state, p));
        long last = snapshotSequence;
        while (true) {
            JsonNode message = client.next();
            long sequence = message.path("sequence").asLong();
            assertThat(sequence).as("after the snapshot: %s", message).isGreaterThan(snapshotSequence);
            assertThat(sequence).as("in journal order: %s", message).isGreaterThanOrEqualTo(last);
            last = sequence;
            switch (message.path("type").asString()) {
                case "balance" ->
                    state.balance = new BigDecimal(message.path("balance").asString());
                case "order" -> {
                    String orderId = message.path("orderId").asString();
                    if (LIVE.contains(message.path("status").asString())) {
                        state.liveOrders.put(orderId, filled(message));
                    } else {
                        state.liveOrders.remove(orderId);
                    }
                }
                case "position" -> position(state, message);
                default -> {}
            }
            if (message.path("type").asString().equals("balance")
                    && message.path("reference").asString().equals(marker)) {
                return state;
            }
        }
    }

    private static String filled(JsonNode order) {
        return new BigDecimal(order.path("filledSize").asString())
                .stripTrailingZeros()
                .toPlainString();
    }

    private static void position(Rebuilt state, JsonNode position) {
        BigDecimal size = new BigDecimal(position.path("size").asString()).stripTrailingZeros();
        if (size.signum() == 0) {
            state.positions.remove(position.path("market").asString());
        } else {
            state.positions.put(position.path("market").asString(), size);
        }
    }

    private Map<String, String> restLiveOrders(Trader trader) {
        Map<String, String> live = new HashMap<>();
        api.get("/api/v1/orders", trader.apiKey())
                .json()
                .forEach(o -> live.put(o.path("orderId").asString(), filled(o)));
        return live;
    }

    private Map<String, BigDecimal> restPositions(Trader trader) {
        Rebuilt state = new Rebuilt();
        api.get("/api/v1/positions", trader.apiKey()).json().forEach(p -> position(state, p));
        return state.positions;
    }
}
