package io.bulwark.web.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** What other modules publish through the channel beans reaches subscribed clients over the socket. */
class PublisherApiTests extends SocketTestBase {

    @Autowired
    MarketChannels marketChannels;

    @Autowired
    StatusChannel statusChannel;

    @Autowired
    AccountChannel accountChannel;

    record PriceUpdate(BigDecimal indexPrice, BigDecimal markPrice, boolean priceHealthy, String market) {}

    @Test
    void aMarketChannelNumbersItsUpdatesPerMarketAndWritesDecimalsAsStrings() {
        SocketClient client = connect();
        client.ask("{\"op\":\"subscribe\",\"channel\":\"prices\",\"market\":\"SOL-USD-PERP\"}", "subscribed");
        long before = marketChannels.prices().sequence("SOL-USD-PERP");

        marketChannels
                .prices()
                .publish(
                        "SOL-USD-PERP",
                        900_001,
                        1_700_000_000_000L,
                        new PriceUpdate(new BigDecimal("142.500"), new BigDecimal("142.61"), true, "ignored"));
        marketChannels
                .prices()
                .publish(
                        "ETH-USD-PERP",
                        900_001,
                        1_700_000_000_000L,
                        new PriceUpdate(BigDecimal.ONE, BigDecimal.ONE, true, "ETH-USD-PERP"));
        marketChannels
                .prices()
                .publish(
                        "SOL-USD-PERP",
                        900_002,
                        1_700_000_000_500L,
                        new PriceUpdate(new BigDecimal("142.6"), new BigDecimal("142.62"), false, "ignored"));

        JsonNode first = client.next();
        assertThat(first.path("type").asString()).isEqualTo("price");
        assertThat(first.path("channel").asString()).isEqualTo("prices");
        // The envelope wins a name clash with the payload.
        assertThat(first.path("market").asString()).isEqualTo("SOL-USD-PERP");
        assertThat(first.path("sequence").asLong()).isEqualTo(before + 1);
        assertThat(first.path("journalSequence").asLong()).isEqualTo(900_001);
        assertThat(first.path("time").asString()).isEqualTo("2023-11-14T22:13:20Z");
        assertThat(first.path("indexPrice").isString()).isTrue();
        assertThat(first.path("indexPrice").asString()).isEqualTo("142.5");
        assertThat(first.path("priceHealthy").asBoolean()).isTrue();
        JsonNode second = client.next();
        assertThat(second.path("sequence").asLong()).isEqualTo(before + 2);
        assertThat(second.path("markPrice").asString()).isEqualTo("142.62");
    }

    @Test
    void theStatusChannelCarriesWhatOperatorsAnnounce() {
        SocketClient client = connect();
        client.ask("{\"op\":\"subscribe\",\"channel\":\"status\"}", "subscribed");

        statusChannel.publish("rollback", 77, 0, Map.of("epoch", 2, "snapshotId", "snap-40"));

        JsonNode rollback = client.next();
        assertThat(rollback.path("type").asString()).isEqualTo("rollback");
        assertThat(rollback.path("channel").asString()).isEqualTo("status");
        assertThat(rollback.path("sequence").asLong()).isEqualTo(77);
        assertThat(rollback.path("epoch").asInt()).isEqualTo(2);
        assertThat(rollback.path("snapshotId").asString()).isEqualTo("snap-40");
    }

    @Test
    void theAccountChannelCarriesOtherMessagesToTheirAccountOnly() {
        Trader alice = newTrader();
        Trader bob = newTrader();
        SocketClient aliceSocket = connectAs(alice.apiKey());
        aliceSocket.ask("{\"op\":\"subscribe\",\"channel\":\"account\"}", "subscribed");
        // Messages of commands up to the snapshot's sequence are in it; these come after.
        long after = aliceSocket.next("snapshot").path("sequence").asLong();

        accountChannel.publish(bob.accountId(), "fill", after + 1, 0, Map.of("fillId", "f-bob"));
        accountChannel.publish(
                alice.accountId(), "fill", after + 2, 0, Map.of("fillId", "f-alice", "fee", new BigDecimal("0.10")));

        JsonNode fill = aliceSocket.next();
        assertThat(fill.path("type").asString()).isEqualTo("fill");
        assertThat(fill.path("accountId").asString()).isEqualTo(alice.accountId());
        assertThat(fill.path("fillId").asString()).isEqualTo("f-alice");
        assertThat(fill.path("fee").asString()).isEqualTo("0.1");
    }
}
