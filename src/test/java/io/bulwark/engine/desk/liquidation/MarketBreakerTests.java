package io.bulwark.engine.desk.liquidation;

import static io.bulwark.engine.TradingFloor.BTC;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.Engine;
import io.bulwark.engine.TradingFloor;
import io.bulwark.engine.command.CreateMarket;
import io.bulwark.engine.command.PlaceOrder;
import io.bulwark.engine.command.Rejection;
import io.bulwark.engine.command.ResumeLiquidations;
import io.bulwark.engine.command.StartEngine;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.Liquidated;
import io.bulwark.engine.event.LiquidationsPaused;
import io.bulwark.engine.event.LiquidationsResumed;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.liquidation.CircuitBreaker;
import io.bulwark.engine.order.OrderStatus;
import io.bulwark.engine.order.OrderType;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.order.TimeInForce;
import io.bulwark.engine.snapshot.CanonicalReader;
import io.bulwark.engine.snapshot.CanonicalWriter;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The circuit breaker per market with a notional floor (SPEC section 7 v2, issue 11 item 3): one small
 * self-made liquidation used to pause liquidations exchange-wide ("10000 bps of open interest").
 */
class MarketBreakerTests {
    private static final String ETH = "ETH-USD-PERP";

    private final TradingFloor floor = new TradingFloor();
    private final List<Event> seen = new ArrayList<>();

    MarketBreakerTests() {
        floor.apply(StartEngine.of("test")
                .withFundingSampleSeconds(60)
                .withBreaker(10, 500)
                .withBreakerMinNotional(CircuitBreaker.DEFAULT_MIN_NOTIONAL));
        floor.apply(new CreateMarket(TradingFloor.spec(ETH, "0.1", "0.001", "0.02", "0.01")));
        prices(BTC, "65000");
        prices(ETH, "65000");
    }

    private void prices(String market, String price) {
        seen.addAll(((Outcome.Applied) floor.prices(market, price)).events());
    }

    private void goLong(TradingFloor.Trader trader, TradingFloor.Trader counterparty, String market, String size) {
        goLong(trader, counterparty, market, size, "65000");
    }

    private void goLong(
            TradingFloor.Trader trader, TradingFloor.Trader counterparty, String market, String size, String price) {
        counterparty.sells(size).in(market).at(price).placed();
        trader.buys(size).in(market).at(price).placed();
    }

    private List<String> liquidated() {
        return seen.stream()
                .filter(Liquidated.class::isInstance)
                .map(e -> ((Liquidated) e).accountId())
                .toList();
    }

    private Map<String, String> paused() {
        return floor.view().status().liquidationsPausedMarkets();
    }

    @Test
    void aSmallSelfMadeLiquidationPausesNothingAndTheNextUnderWaterAccountIsLiquidated() {
        var alice = floor.trader("alice", "1000000");
        var dave = floor.trader("dave", "1400");
        goLong(dave, alice, BTC, "1"); // the whole open interest, notional 65000 < 100000

        prices(BTC, "64000");
        assertThat(liquidated()).containsExactly(dave.accountId);
        assertThat(seen).noneMatch(LiquidationsPaused.class::isInstance);
        assertThat(floor.view().status().liquidationsPaused()).isFalse();

        var erin = floor.trader("erin", "1400");
        goLong(erin, alice, BTC, "1", "64000");
        prices(BTC, "63000");
        assertThat(liquidated()).containsExactly(dave.accountId, erin.accountId);
    }

    @Test
    void aLargeCascadePausesItsMarketOnlyAndOnlyAnAdminResumesIt() {
        var alice = floor.trader("alice", "10000000");
        var whale = floor.trader("whale", "2700");
        goLong(whale, alice, BTC, "2"); // notional 130000: 2/3 of BTC open interest once dave trades
        var dave = floor.trader("dave", "1400");
        goLong(dave, alice, BTC, "1");
        var erin = floor.trader("erin", "1400");
        goLong(erin, alice, ETH, "1");
        var carol = floor.trader("carol", "100000");
        String stop = ((Outcome.Applied) floor.apply(new PlaceOrder(
                                carol.accountId,
                                BTC,
                                Side.SELL,
                                OrderType.STOP_MARKET,
                                TimeInForce.GTC,
                                null,
                                new BigDecimal("64100"),
                                new BigDecimal("0.1"),
                                false,
                                "")))
                        .sequence()
                + "";

        prices(BTC, "64300"); // the whale is under water, dave is not yet
        assertThat(liquidated()).containsExactly(whale.accountId);
        assertThat(seen)
                .filteredOn(LiquidationsPaused.class::isInstance)
                .singleElement()
                .satisfies(e -> {
                    LiquidationsPaused p = (LiquidationsPaused) e;
                    assertThat(p.market()).isEqualTo(BTC);
                    assertThat(p.reason()).contains("bps of " + BTC + " open interest");
                });
        assertThat(paused()).containsOnlyKeys(BTC);

        prices(BTC, "64000"); // dave is under water, the stop is due: both wait in the paused market
        prices(ETH, "64000"); // erin is under water in a market that is not paused
        assertThat(liquidated()).containsExactly(whale.accountId, erin.accountId);
        assertThat(floor.view().liveOrder(carol.accountId, stop).orElseThrow().status())
                .isEqualTo(OrderStatus.UNTRIGGERED);

        Engine restored = Engine.restore(floor.engine.serialize());
        assertThat(restored.stateHash()).isEqualTo(floor.engine.stateHash());
        assertThat(restored.status().liquidationsPausedMarkets()).containsOnlyKeys(BTC);

        assertThat(floor.apply(new ResumeLiquidations("admin", ETH))).isInstanceOf(Outcome.Rejected.class);
        assertThat(((Outcome.Rejected) floor.apply(new ResumeLiquidations("admin", "NOPE-USD-PERP")))
                        .rejection()
                        .code())
                .isEqualTo(Rejection.Code.UNKNOWN_MARKET);
        assertThat(((Outcome.Applied) floor.apply(new ResumeLiquidations("admin", BTC))).events())
                .containsExactly(new LiquidationsResumed("admin", BTC));
        assertThat(paused()).isEmpty();
        assertThat(((Outcome.Rejected) floor.apply(new ResumeLiquidations("admin")))
                        .rejection()
                        .code())
                .as("nothing left to resume")
                .isEqualTo(Rejection.Code.INVALID_TRANSITION);

        prices(BTC, "64000");
        assertThat(liquidated()).contains(dave.accountId);
        assertThat(floor.view().liveOrder(carol.accountId, stop))
                .as("the stop fired")
                .isEmpty();
    }

    @Test
    void accountLimitsCountPerMarket() {
        floor.apply(StartEngine.of("test").withFundingSampleSeconds(60).withBreaker(2, 500));
        var alice = floor.trader("alice", "10000000");
        List<TradingFloor.Trader> longs = new ArrayList<>();
        for (String market : List.of(BTC, ETH)) {
            for (String name : List.of("a", "b")) {
                var t = floor.trader(name + longs.size(), "1400");
                goLong(t, alice, market, "1");
                longs.add(t);
            }
        }

        prices(BTC, "64000");
        prices(ETH, "64000");
        assertThat(liquidated()).hasSize(4);
        assertThat(floor.view().status().liquidationsPaused())
                .as("2 accounts per market is within the limit of 2; the 4 together would have tripped it")
                .isFalse();
    }

    @Test
    void aPauseFromAnExchangeWideSnapshotCarriesOverToEveryMarket() {
        CanonicalWriter v2 = new CanonicalWriter()
                .writeInt(10)
                .writeInt(500)
                .writeString("11 accounts liquidated within 60 s (limit 10)")
                .writeInt(1);
        v2.writeLong(1L).writeString("7").writeDecimal(BigDecimal.ONE);
        CanonicalReader in = new CanonicalReader(v2.toByteArray());
        in.formatVersion(2);

        CircuitBreaker breaker = CircuitBreaker.readFrom(in, List.of(BTC, ETH));

        assertThat(breaker.pausedMarkets()).containsOnlyKeys(BTC, ETH);
        assertThat(breaker.pausedMarkets().get(BTC)).contains("11 accounts");
        assertThat(breaker.resume(BTC)).isTrue();
        assertThat(breaker.paused(ETH)).isTrue();
        assertThat(breaker.resumeAll()).containsExactly(ETH);
    }
}
