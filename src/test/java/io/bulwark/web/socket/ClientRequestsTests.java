package io.bulwark.web.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.journal.EngineGateway;
import io.bulwark.web.security.KeyAuthenticator;
import io.bulwark.web.security.KeyDirectory;
import io.bulwark.web.security.KeyHasher;
import io.bulwark.web.security.KeyUsage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;

/** Subscription bookkeeping of one session: limits, repeats, and cleanup when the session ends. */
class ClientRequestsTests {
    private final SocketMetrics metrics = new SocketMetrics(new SimpleMeterRegistry());
    private final ServerMessages messages =
            new ServerMessages(JsonMapper.builder().build());
    private final SocketProperties properties = new SocketProperties(
            16_384, 1_024, 3, 5, Duration.ofSeconds(20), Duration.ofSeconds(50), Duration.ofSeconds(10), 20, 10, 20);
    private final KnownMarkets markets = new KnownMarkets();
    private final StatusChannel status = new StatusChannel(messages);
    private final MarketChannels marketChannels = new MarketChannels(messages, List.of(), 1_024);
    private final ClientRequests requests = new ClientRequests(
            messages,
            new KeyAuthenticator(new KeyDirectory(), new KeyHasher(""), new KeyUsage(new JdbcTemplate())),
            markets,
            status,
            new AccountChannel(
                    messages,
                    () -> {
                        throw new IllegalStateException("no engine in these tests");
                    },
                    List::of,
                    1_024),
            marketChannels,
            new SocketSessions(
                    new StaticListableBeanFactory().getBeanProvider(EngineGateway.class), metrics, properties),
            metrics,
            properties,
            new OrderEntry(null, JsonMapper.builder().build()));
    private final ClientSession session = new ClientSession(
            "s", new OutboundQueue("s", 100, new OutboundQueueTests.Drains(), metrics, Duration.ofSeconds(1)));

    ClientRequestsTests() {
        List.of("BTC-USD-PERP", "ETH-USD-PERP").forEach(markets::add);
    }

    private void subscribe(String channel, String market) {
        requests.handle(
                session,
                new ClientOp.Subscribe(Channel.byWireName(channel).orElseThrow(), market, ""),
                MissingNode.getInstance());
    }

    @Test
    void boundsTheSubscriptionsOfASession() {
        subscribe("status", "");
        subscribe("orderbook", "BTC-USD-PERP");
        subscribe("trades", "BTC-USD-PERP");

        assertThatThrownBy(() -> subscribe("prices", "BTC-USD-PERP"))
                .isInstanceOfSatisfying(
                        ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_SUBSCRIPTIONS));
        // A repeat is a resubscription, not one more.
        subscribe("orderbook", "BTC-USD-PERP");
        assertThat(session.subscriptions()).hasSize(3);
        assertThat(marketChannels.orderbook().subscriberCount("BTC-USD-PERP")).isEqualTo(1);
    }

    @Test
    void refusesAnUnknownMarket() {
        assertThatThrownBy(() -> subscribe("orderbook", "DOGE-USD-PERP"))
                .isInstanceOfSatisfying(
                        ProtocolException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_MARKET));
        assertThat(session.subscriptions()).isEmpty();
    }

    @Test
    void leavesEveryChannelWhenTheSessionEnds() {
        subscribe("status", "");
        subscribe("orderbook", "BTC-USD-PERP");
        subscribe("prices", "ETH-USD-PERP");

        requests.detachAll(session);

        assertThat(session.subscriptions()).isEmpty();
        assertThat(marketChannels.orderbook().subscriberCount("BTC-USD-PERP")).isZero();
        assertThat(marketChannels.prices().subscriberCount("ETH-USD-PERP")).isZero();
    }
}
