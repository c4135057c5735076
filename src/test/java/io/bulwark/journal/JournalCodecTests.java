package io.bulwark.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.TradingFloor;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.command.PostOraclePrices;
import io.bulwark.engine.command.StartEngine;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.market.MarketSpec;
import io.bulwark.engine.order.OrderType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every command and the events it produces survive the journal's JSON exactly (replay depends on it). */
class JournalCodecTests {
    private final JournalCodec codec = new JournalCodec();

    @Test
    void aTradingSessionRoundTripsThroughTheJournalCodec() {
        TradingFloor floor = new TradingFloor();
        List<Command> commands = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        java.util.function.Consumer<Command> record = c -> {
            commands.add(c);
            outcomes.add(floor.apply(c));
        };
        record.accept(StartEngine.of("codec")
                .withFundingSampleSeconds(60)
                .withBreaker(10, 10_000)
                .withMinPostOnlySeconds(120));
        floor.prices("65000");
        var alice = floor.trader("alice", "100000");
        var bob = floor.trader("bob", "100000");
        alice.sells("1").at("65000").clientOrderId("c-1").placed();
        bob.buys("1").at("65000").placed();
        bob.sells("0.5").triggered(OrderType.STOP_LIMIT, "60000").at("59000").placed();
        record.accept(new PostOraclePrices(List.of(new PostOraclePrices.Quote(TradingFloor.BTC, "x", "NaN", 1))));

        for (Command c : commands) {
            assertThat(codec.readCommand(codec.writeCommand(c))).isEqualTo(c);
        }
        for (Outcome o : outcomes) {
            if (o instanceof Outcome.Applied a) {
                String json = codec.writeEvents(a.events());
                assertThat(codec.writeEvents(codec.readEvents(json))).isEqualTo(json);
            }
        }
        var place = new io.bulwark.engine.command.PlaceOrder(
                alice.accountId,
                TradingFloor.BTC,
                io.bulwark.engine.order.Side.BUY,
                OrderType.LIMIT,
                io.bulwark.engine.order.TimeInForce.GTC,
                new java.math.BigDecimal("65000.5"),
                null,
                new java.math.BigDecimal("0.001"),
                false,
                "");
        assertThat(codec.readCommand(codec.writeCommand(place))).isEqualTo(place);
    }

    @Test
    void aRefundJournaledBeforeItemsExistedReadsWithoutItemsAndKeepsItsTextAndHash() {
        String command = "{\"@type\":\"PayRefunds\",\"incidentId\":\"7\",\"refunds\":[{\"accountId\":\"3\","
                + "\"amount\":\"867.5\"}],\"actor\":\"admin:1\"}";
        String events =
                "[{\"@type\":\"RefundPaid\",\"incidentId\":\"7\",\"accountId\":\"3\"," + "\"amount\":\"867.500000\"}]";

        var decoded = (io.bulwark.engine.command.PayRefunds) codec.readCommand(command);

        assertThat(decoded.refunds().getFirst().items()).isNull();
        assertThat(codec.writeCommand(decoded)).isEqualTo(command);
        assertThat(codec.writeEvents(codec.readEvents(events))).isEqualTo(events);
    }

    /**
     * Rows written before keys were bound to sources and before the v2 market parameters: they read with
     * the old meaning and re-encode to their exact text (the row-hash chain is computed over it).
     */
    @Test
    void rowsWrittenBeforeTheOracleFieldsReadTheSameAndKeepTheirText() throws Exception {
        String market = "{\"@type\":\"CreateMarket\",\"spec\":{\"market\":\"BTC-USD-PERP\",\"tickSize\":\"0.1\","
                + "\"stepSize\":\"0.001\",\"minSize\":\"0.001\",\"initialMarginFraction\":\"0.02\","
                + "\"maintenanceMarginFraction\":\"0.01\",\"makerFee\":\"0.0002\",\"takerFee\":\"0.0005\","
                + "\"liquidationFee\":\"0.01\",\"fundingIntervalSeconds\":3600,\"maxFundingRate\":\"0.005\","
                + "\"priceBandBps\":500,\"postOnlyBandBps\":100,\"maxPriceJumpBps\":1000,\"maxPriceAgeSeconds\":30}}";
        String key = "{\"@type\":\"IssueApiKey\",\"keyId\":\"key_1\",\"role\":\"ORACLE\",\"keyHash\":\"h\"}";
        String prices = "{\"@type\":\"PostOraclePrices\",\"quotes\":[{\"market\":\"BTC-USD-PERP\",\"source\":\"a\","
                + "\"price\":\"65000\",\"timestamp\":1}]}";
        String issued = "[{\"@type\":\"ApiKeyIssued\",\"keyId\":\"key_1\",\"role\":\"ORACLE\",\"accountId\":\"\","
                + "\"keyHash\":\"h\"}]";
        for (String row : List.of(market, key, prices)) {
            assertThat(codec.writeCommand(codec.readCommand(row))).isEqualTo(row);
        }
        assertThat(codec.writeEvents(codec.readEvents(issued))).isEqualTo(issued);

        var spec = ((io.bulwark.engine.command.CreateMarket) codec.readCommand(market)).spec();
        assertThat(spec.priceJumpWindowSeconds()).isEqualTo(MarketSpec.DEFAULT_PRICE_JUMP_WINDOW_SECONDS);
        assertThat(spec.maxSourceDivergenceBps()).isEqualTo(MarketSpec.DEFAULT_MAX_SOURCE_DIVERGENCE_BPS);
        // Each later parameter reads as exactly the value the codec leaves out (same value, same boxed type).
        for (var absent : MarketSpec.ABSENT_MEANS.entrySet()) {
            assertThat(MarketSpec.class.getMethod(absent.getKey()).invoke(spec))
                    .as(absent.getKey())
                    .isEqualTo(absent.getValue());
        }
        assertThat(((io.bulwark.engine.command.IssueApiKey) codec.readCommand(key)).source())
                .isNull();
        assertThat(((PostOraclePrices) codec.readCommand(prices)).keyId()).isNull();

        MarketSpec other = spec.with(io.bulwark.engine.market.MarketPatch.NONE
                .withPriceJumpWindowSeconds(600L)
                .withMaxSourceDivergenceBps(50));
        var create = new io.bulwark.engine.command.CreateMarket(other);
        assertThat(codec.writeCommand(create))
                .contains("\"priceJumpWindowSeconds\":600", "\"maxSourceDivergenceBps\":50");
        assertThat(codec.readCommand(codec.writeCommand(create))).isEqualTo(create);
        var bound = new PostOraclePrices(List.of(new PostOraclePrices.Quote("BTC-USD-PERP", "a", "1", 1)), "key_1");
        assertThat(codec.readCommand(codec.writeCommand(bound))).isEqualTo(bound);
    }

    /**
     * A StartEngine row of a build before the limits reads with them null (off) and keeps its exact text; a
     * row of this build carries them and reads back equal.
     */
    @Test
    void startEngineRowsBeforeTheLimitsReadWithoutThemAndKeepTheirText() {
        String older = "{\"@type\":\"StartEngine\",\"instance\":\"a\",\"fundingSampleSeconds\":60,"
                + "\"breakerMaxAccounts\":10,\"breakerMaxOpenInterestBps\":500,\"minPostOnlySeconds\":120,"
                + "\"breakerMinNotional\":\"100000\",\"rules\":2}";

        StartEngine decoded = (StartEngine) codec.readCommand(older);

        assertThat(decoded.maxOpenOrders()).isNull();
        assertThat(decoded.restingBandBps()).isNull();
        assertThat(decoded.clientOrderIdRetentionSeconds()).isNull();
        assertThat(decoded.oracleSourceRetentionSeconds()).isNull();
        assertThat(codec.writeCommand(decoded)).isEqualTo(older);

        StartEngine current = StartEngine.of("b")
                .withFundingSampleSeconds(60)
                .withBreaker(10, 500)
                .withMinPostOnlySeconds(120)
                .withBreakerMinNotional(new java.math.BigDecimal("100000"))
                .withRules(2)
                .withOrderLimits(200, 5000, 86_400L)
                .withOracleSourceRetentionSeconds(86_400L);
        assertThat(codec.writeCommand(current))
                .contains(
                        "\"maxOpenOrders\":200",
                        "\"restingBandBps\":5000",
                        "\"clientOrderIdRetentionSeconds\":86400",
                        "\"oracleSourceRetentionSeconds\":86400");
        assertThat(codec.readCommand(codec.writeCommand(current))).isEqualTo(current);
    }

    /**
     * An UpdateMarket row keeps its field names: the patch a {@code with…} chain builds is the one an older
     * row decodes to, and it re-encodes to the row's exact text (nothing but the changed parameters).
     */
    @Test
    void anUpdateMarketRowKeepsItsFieldNamesAndText() {
        String row = "{\"@type\":\"UpdateMarket\",\"market\":\"BTC-USD-PERP\",\"patch\":{\"takerFee\":\"0.0007\","
                + "\"fundingIntervalSeconds\":60,\"priceBandBps\":800,\"priceJumpWindowSeconds\":600}}";
        var built = new io.bulwark.engine.command.UpdateMarket(
                "BTC-USD-PERP",
                io.bulwark.engine.market.MarketPatch.NONE
                        .withPriceJumpWindowSeconds(600L)
                        .withPriceBandBps(800)
                        .withFundingIntervalSeconds(60L)
                        .withTakerFee(new java.math.BigDecimal("0.0007")));

        assertThat(codec.readCommand(row)).isEqualTo(built);
        assertThat(codec.writeCommand(built)).isEqualTo(row);
        assertThat(built.patch().changesNothing()).isFalse();
        assertThat(io.bulwark.engine.market.MarketPatch.NONE.changesNothing()).isTrue();
    }
}
