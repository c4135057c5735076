package io.bulwark.web.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** {@code /ws/v1}: ops, acknowledgements, and errors for everything a client can get wrong. */
class WebSocketProtocolTests extends SocketTestBase {

    @Test
    void answersAPingWithAPongEchoingTheId() {
        SocketClient client = connect();

        assertThat(client.ask("{\"op\":\"ping\"}", "pong").has("id")).isFalse();
        assertThat(client.ask("{\"op\":\"ping\",\"id\":7}", "pong").path("id").asInt())
                .isEqualTo(7);
        assertThat(client.ask("{\"op\":\"ping\",\"id\":\"a-1\"}", "pong")
                        .path("id")
                        .asString())
                .isEqualTo("a-1");
    }

    @Test
    void subscribesAndUnsubscribesEveryPublicChannel() {
        SocketClient client = connect();

        JsonNode status = client.ask("{\"op\":\"subscribe\",\"channel\":\"status\",\"id\":1}", "subscribed");
        assertThat(status.path("channel").asString()).isEqualTo("status");
        assertThat(status.path("id").asInt()).isEqualTo(1);
        assertThat(status.has("market")).isFalse();
        for (String channel : new String[] {"orderbook", "trades", "prices"}) {
            JsonNode ack = client.ask(
                    "{\"op\":\"subscribe\",\"channel\":\"" + channel + "\",\"market\":\"BTC-USD-PERP\"}", "subscribed");
            assertThat(ack.path("channel").asString()).isEqualTo(channel);
            assertThat(ack.path("market").asString()).isEqualTo("BTC-USD-PERP");
            if (channel.equals("orderbook")) {
                // from the published view, right after the ack: before any other reply
                assertThat(client.next("snapshot").path("channel").asString()).isEqualTo("orderbook");
            }
        }

        JsonNode candles = client.ask(
                "{\"op\":\"subscribe\",\"channel\":\"candles\",\"market\":\"BTC-USD-PERP\",\"interval\":\"1m\"}",
                "subscribed");
        assertThat(candles.path("market").asString()).isEqualTo("BTC-USD-PERP");
        assertThat(candles.path("interval").asString()).isEqualTo("1m");

        JsonNode gone = client.ask(
                "{\"op\":\"unsubscribe\",\"channel\":\"trades\",\"market\":\"BTC-USD-PERP\",\"id\":\"u\"}",
                "unsubscribed");
        assertThat(gone.path("channel").asString()).isEqualTo("trades");
        assertThat(gone.path("market").asString()).isEqualTo("BTC-USD-PERP");
        assertThat(gone.path("id").asString()).isEqualTo("u");
        client.ask("{\"op\":\"unsubscribe\",\"channel\":\"status\"}", "unsubscribed");
        // Unsubscribing from something not subscribed is acknowledged too: the end state is what was asked.
        client.ask("{\"op\":\"unsubscribe\",\"channel\":\"status\"}", "unsubscribed");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            not json                                                              | BAD_REQUEST
            []                                                                    | BAD_REQUEST
            "ping"                                                                | BAD_REQUEST
            {}                                                                    | BAD_REQUEST
            {"op":"dance"}                                                        | BAD_REQUEST
            {"op":5}                                                              | BAD_REQUEST
            {"op":"ping","extra":true}                                            | BAD_REQUEST
            {"op":"ping","id":{"x":1}}                                            | BAD_REQUEST
            {"op":"ping","op":"ping"}                                             | BAD_REQUEST
            {"op":"subscribe"}                                                    | BAD_REQUEST
            {"op":"subscribe","channel":"klines","market":"BTC-USD-PERP"}         | UNKNOWN_CHANNEL
            {"op":"subscribe","channel":"candles","market":"BTC-USD-PERP"}        | BAD_REQUEST
            {"op":"subscribe","channel":"candles","market":"BTC-USD-PERP","interval":7} | BAD_REQUEST
            {"op":"subscribe","channel":"candles","market":"BTC-USD-PERP","interval":"7m"} | UNKNOWN_INTERVAL
            {"op":"subscribe","channel":"trades","market":"BTC-USD-PERP","interval":"1m"} | BAD_REQUEST
            {"op":"subscribe","channel":"orderbook"}                              | BAD_REQUEST
            {"op":"subscribe","channel":"orderbook","market":7}                   | BAD_REQUEST
            {"op":"subscribe","channel":"orderbook","market":"DOGE-USD-PERP"}     | UNKNOWN_MARKET
            {"op":"subscribe","channel":"status","market":"BTC-USD-PERP"}         | BAD_REQUEST
            {"op":"subscribe","channel":"account"}                                | UNAUTHENTICATED
            {"op":"unsubscribe","channel":"nope"}                                 | UNKNOWN_CHANNEL
            {"op":"auth"}                                                         | BAD_REQUEST
            {"op":"auth","apiKey":12345}                                          | BAD_REQUEST
            {"op":"auth","apiKey":"bwk_not-a-key"}                                | UNAUTHENTICATED
            """)
    void answersABadFrameWithAnErrorAndKeepsTheSession(String frame, String code) {
        SocketClient client = connect();

        JsonNode error = client.ask(frame, "error");

        assertThat(error.path("code").asString()).isEqualTo(code);
        assertThat(error.path("message").asString()).isNotBlank().doesNotContain("Exception", "\tat ");
        client.ask("{\"op\":\"ping\"}", "pong");
    }

    @Test
    void echoesTheIdOfARefusedRequest() {
        JsonNode error = connect().ask("{\"op\":\"subscribe\",\"channel\":\"klines\",\"id\":42}", "error");

        assertThat(error.path("id").asInt()).isEqualTo(42);
        assertThat(error.path("code").asString()).isEqualTo("UNKNOWN_CHANNEL");
    }

    @Test
    void refusesBinaryFrames() {
        SocketClient client = connect();

        client.sendBinary(new byte[] {1, 2, 3});

        assertThat(client.next("error").path("code").asString()).isEqualTo("BAD_REQUEST");
        client.ask("{\"op\":\"ping\"}", "pong");
    }

    @Test
    void closesTheSessionOnAFrameOverTheSizeLimit() {
        SocketClient client = connect();

        client.send("{\"op\":\"ping\",\"id\":\"" + "x".repeat(20_000) + "\"}");

        assertThat(client.awaitClosed().code()).isEqualTo(1009);
    }

    @Test
    void countsOpenSessionsAndSentMessages() {
        double sentBefore =
                meters.get("bulwark.websocket.messages.sent").counter().count();
        SocketClient client = connect();
        client.ask("{\"op\":\"ping\"}", "pong");
        connect().ask("{\"op\":\"ping\"}", "pong");

        assertThat(openSessions()).isEqualTo(2);
        // Counted once written: the client may read a message a moment before that.
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(meters.get("bulwark.websocket.messages.sent")
                                .counter()
                                .count())
                        .isGreaterThanOrEqualTo(sentBefore + 2));

        client.close();
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(openSessions()).isEqualTo(1));
    }
}
