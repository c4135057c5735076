package io.bulwark.web.socket;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.command.ChangeTradingState;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.state.TradingState;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The status channel tells every subscriber about trading-state changes. */
class StatusChannelTests extends SocketTestBase {

    @Test
    void publishesAnExchangeStateChange() {
        SocketClient client = connect();
        client.ask("{\"op\":\"subscribe\",\"channel\":\"status\"}", "subscribed");

        try {
            Outcome closed =
                    gateway.submit(new ChangeTradingState("", TradingState.CLOSED, "test", "test", false), "test");
            assertThat(closed).isInstanceOf(Outcome.Applied.class);

            JsonNode state = client.next("state");
            assertThat(state.path("channel").asString()).isEqualTo("status");
            assertThat(state.path("market").isNull()).isTrue();
            assertThat(state.path("from").asString()).isEqualTo("OPEN");
            assertThat(state.path("to").asString()).isEqualTo("CLOSED");
            assertThat(state.path("reason").asString()).isEqualTo("test");
            assertThat(state.path("forced").asBoolean()).isFalse();
            assertThat(state.path("sequence").asLong()).isEqualTo(((Outcome.Applied) closed).sequence());
            assertThat(state.path("time").asString()).endsWith("Z");
        } finally {
            // The application is shared with other tests: leave the exchange open.
            gateway.submit(new ChangeTradingState("", TradingState.OPEN, "test over", "test", true), "test");
        }
        JsonNode reopened = client.next("state");
        assertThat(reopened.path("to").asString()).isEqualTo("OPEN");
        assertThat(reopened.path("forced").asBoolean()).isTrue();
    }

    @Test
    void publishesAMarketStateChange() {
        SocketClient client = connect();
        client.ask("{\"op\":\"subscribe\",\"channel\":\"status\"}", "subscribed");

        try {
            gateway.submit(new ChangeTradingState("SOL-USD-PERP", TradingState.CLOSED, "halt", "test", false), "test");
            JsonNode state = client.next("state");
            assertThat(state.path("market").asString()).isEqualTo("SOL-USD-PERP");
            assertThat(state.path("to").asString()).isEqualTo("CLOSED");
        } finally {
            gateway.submit(new ChangeTradingState("SOL-USD-PERP", TradingState.OPEN, "resume", "test", true), "test");
        }
    }

    @Test
    void sendsNothingToASessionThatUnsubscribed() {
        SocketClient client = connect();
        client.ask("{\"op\":\"subscribe\",\"channel\":\"status\"}", "subscribed");
        client.ask("{\"op\":\"unsubscribe\",\"channel\":\"status\"}", "unsubscribed");

        try {
            gateway.submit(new ChangeTradingState("ETH-USD-PERP", TradingState.CLOSED, "halt", "test", false), "test");
        } finally {
            gateway.submit(new ChangeTradingState("ETH-USD-PERP", TradingState.OPEN, "resume", "test", true), "test");
        }

        client.ask("{\"op\":\"ping\"}", "pong");
    }
}
