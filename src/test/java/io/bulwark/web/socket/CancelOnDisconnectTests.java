package io.bulwark.web.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.order.TradingApiTestBase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * {@code {"op":"auth","apiKey":K,"cancelOnDisconnect":true}} (SPEC section 11 v2): when that connection closes,
 * every live order of the key's account (placed over REST or not, conditional ones too) is cancelled with
 * reason DISCONNECT by a journaled command; other accounts keep theirs. It needs a TRADE key: a READ key
 * asking for it is refused with an error, not silently given a session without it.
 */
class CancelOnDisconnectTests extends TradingApiTestBase {
    private final List<SocketClient> clients = new ArrayList<>();

    @Autowired
    MeterRegistry meters;

    private SocketClient connect() {
        SocketClient client = SocketClient.connect(port);
        clients.add(client);
        return client;
    }

    private static String auth(String apiKey, String cancelOnDisconnect) {
        return "{\"op\":\"auth\",\"apiKey\":\"" + apiKey + "\",\"cancelOnDisconnect\":" + cancelOnDisconnect + "}";
    }

    @AfterEach
    void disconnect() {
        clients.forEach(SocketClient::close);
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> meters.get("bulwark.websocket.sessions").gauge().value() == 0);
    }

    private JsonNode cancelled(Trader trader) {
        return api.get("/api/v1/orders?status=CANCELLED", trader.apiKey()).json();
    }

    @Test
    void whenTheConnectionClosesEveryLiveOrderOfTheAccountIsCancelledWithReasonDisconnect() {
        String market = newMarket();
        Trader alice = newFundedTrader("100000");
        Trader bob = newFundedTrader("100000");
        SocketClient socket = connect();
        socket.ask(auth(alice.apiKey(), "true"), "authenticated");
        placed(alice, Ticket.limit(market, "BUY", "0.1", "60000"));
        placed(alice, Ticket.triggered(market, "SELL", "STOP_MARKET", "0.1", "50000"));
        String bobs = placed(bob, Ticket.limit(market, "BUY", "0.1", "59000"))
                .path("orderId")
                .asString();
        SocketClient bystander = connect();
        bystander.ask(auth(bob.apiKey(), "false"), "authenticated");

        socket.close();

        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> liveOrderIds(alice).isEmpty());
        JsonNode ended = cancelled(alice);
        assertThat(ended).hasSize(2);
        ended.forEach(o -> assertThat(o.path("cancelReason").asString()).isEqualTo("DISCONNECT"));

        bystander.close();
        await().atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> meters.get("bulwark.websocket.sessions").gauge().value() == 0);
        assertThat(liveOrderIds(bob)).as("bob did not ask for it").containsExactly(bobs);
    }

    @Test
    void aReadKeyAskingForItIsRefusedAndLeftUnauthenticated() {
        Trader alice = newTrader();
        String readOnly = api.post(
                        "/api/v1/admin/accounts/" + alice.accountId() + "/keys", ADMIN_KEY, "{\"scopes\":[\"READ\"]}")
                .assertStatus(201)
                .text("apiKey");
        SocketClient socket = connect();

        JsonNode refused = socket.ask(auth(readOnly, "true"), "error");
        assertThat(refused.path("code").asString()).isEqualTo("SCOPE_REQUIRED");
        assertThat(refused.path("message").asString()).contains("cancelOnDisconnect");
        assertThat(socket.ask("{\"op\":\"subscribe\",\"channel\":\"account\"}", "error")
                        .path("code")
                        .asString())
                .isEqualTo("UNAUTHENTICATED");
        socket.ask(auth(readOnly, "false"), "authenticated");
    }

    @Test
    void theFlagMustBeABoolean() {
        Trader alice = newTrader();
        SocketClient socket = connect();
        assertThat(socket.ask(auth(alice.apiKey(), "\"yes\""), "error")
                        .path("code")
                        .asString())
                .isEqualTo("BAD_REQUEST");
        socket.ask(auth(alice.apiKey(), "true"), "authenticated");
    }
}
