package io.bulwark.engine.desk.trading;

import static io.bulwark.engine.TradingFloor.BTC;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.Engine;
import io.bulwark.engine.TradingFloor;
import io.bulwark.engine.command.AmendOrder;
import io.bulwark.engine.command.CancelOrder;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.command.CreateMarket;
import io.bulwark.engine.command.Rejection.Code;
import io.bulwark.engine.command.StartEngine;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.market.MarketSpec;
import io.bulwark.engine.order.OrderState;
import io.bulwark.engine.order.OrderStatus;
import io.bulwark.engine.order.OrderType;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * SPEC section 3 (v2): at most maxOpenOrders live orders (resting, partially filled or untriggered) per
 * account and market; one more that would stay live is refused 409 TOO_MANY_OPEN_ORDERS, an order that
 * never rests is not. Written as the ways a trader would try to get past the limit.
 */
class OpenOrderLimitTests {
    static final int MAX = 3;
    static final String ETH = "ETH-USD-PERP";

    private final TradingFloor floor = new TradingFloor();
    private final TradingFloor.Trader mallory = floor.trader("mallory", "1000000");
    private final TradingFloor.Trader bob = floor.trader("bob", "1000000");

    {
        floor.apply(limits(MAX, 5000, 60L));
        floor.apply(new CreateMarket(named(ETH)));
        floor.prices("65000");
        floor.prices(ETH, "65000");
    }

    /** A StartEngine of this build with these limits (oracle sources forgotten after an hour). */
    static StartEngine limits(Integer maxOpenOrders, Integer restingBandBps, Long retentionSeconds) {
        return StartEngine.of("test")
                .withFundingSampleSeconds(60)
                .withBreaker(10, 10_000)
                .withOrderLimits(maxOpenOrders, restingBandBps, retentionSeconds)
                .withOracleSourceRetentionSeconds(3600L);
    }

    /** BTC-USD-PERP's parameters under another name. */
    static MarketSpec named(String market) {
        return TradingFloor.btc().withMarket(market);
    }

    private List<OrderState> fillTheLimit(TradingFloor.Trader trader) {
        List<OrderState> resting = new ArrayList<>();
        for (int i = 0; i < MAX; i++) {
            resting.add(trader.buys("0.01").at(Integer.toString(64_000 - i)).placed());
        }
        return resting;
    }

    @Test
    void oneMoreRestingOrderIsRefusedAndChangesNothing() {
        fillTheLimit(mallory);
        String hash = floor.engine.stateHash();

        assertThat(mallory.buys("0.01").at("63000").rejected()).isEqualTo(Code.TOO_MANY_OPEN_ORDERS);
        assertThat(mallory.sells("0.01").at("66000").postOnly().rejected())
                .as("the other side counts too")
                .isEqualTo(Code.TOO_MANY_OPEN_ORDERS);
        assertThat(floor.engine.stateHash()).isEqualTo(hash);
        assertThat(mallory.liveOrders()).hasSize(MAX);
    }

    @Test
    void untriggeredOrdersAreLiveOrdersToo() {
        mallory.buys("0.01").at("64000").placed();
        mallory.sells("0.01").triggered(OrderType.STOP_MARKET, "60000").placed();
        mallory.sells("0.01")
                .at("59000")
                .triggered(OrderType.STOP_LIMIT, "60000")
                .placed();

        assertThat(mallory.sells("0.01")
                        .triggered(OrderType.TAKE_PROFIT_MARKET, "70000")
                        .rejected())
                .isEqualTo(Code.TOO_MANY_OPEN_ORDERS);
        assertThat(mallory.buys("0.01").at("64000").rejected()).isEqualTo(Code.TOO_MANY_OPEN_ORDERS);
    }

    @Test
    void theLimitIsPerAccountAndPerMarket() {
        fillTheLimit(mallory);

        assertThat(mallory.buys("0.01").at("64000").in(ETH).placed().status()).isEqualTo(OrderStatus.OPEN);
        assertThat(bob.buys("0.01").at("64000").placed().status()).isEqualTo(OrderStatus.OPEN);
    }

    @Test
    void ordersThatNeverRestAreAcceptedAtTheLimit() {
        fillTheLimit(mallory);
        bob.sells("0.05").at("65100").placed();

        assertThat(mallory.buys("0.01").at("65100").ioc().placed().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(mallory.buys("0.01").at("65100").fok().placed().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(mallory.buys("0.01").atMarket().placed().status()).isEqualTo(OrderStatus.FILLED);
        assertThat(mallory.buys("0.01").at("65100").placed().status())
                .as("a GTC limit the book fills at once never rests")
                .isEqualTo(OrderStatus.FILLED);
        assertThat(mallory.buys("0.01").at("60000").ioc().placed().status())
                .as("an IOC that does not cross is cancelled, not rested")
                .isEqualTo(OrderStatus.CANCELLED);

        assertThat(mallory.buys("0.02").at("65100").rejected())
                .as("only 0.01 is left to take: the rest would rest")
                .isEqualTo(Code.TOO_MANY_OPEN_ORDERS);
        assertThat(mallory.liveOrders()).hasSize(MAX);
    }

    @Test
    void ownOrdersDoNotCountAsLiquidityThatFillsAtOnce() {
        mallory.sells("0.01").at("65050").placed();
        bob.sells("0.01").at("65100").placed();
        mallory.buys("0.01").at("64000").placed();
        mallory.buys("0.01").at("63000").placed();

        assertThat(mallory.buys("0.01").at("65100").rejected())
                .as("it meets its own ask first: the book does not surely fill it, so it counts as one that rests")
                .isEqualTo(Code.TOO_MANY_OPEN_ORDERS);
    }

    @Test
    void cancellingOrFillingFreesASlotAndAmendingTakesNone() {
        List<OrderState> resting = fillTheLimit(mallory);

        assertThat(floor.apply(
                        new AmendOrder(mallory.accountId, resting.get(0).orderId(), new BigDecimal("63500"), null)))
                .isInstanceOf(Outcome.Applied.class);
        assertThat(mallory.buys("0.01").at("63000").rejected()).isEqualTo(Code.TOO_MANY_OPEN_ORDERS);

        mallory.cancels(resting.get(1).orderId());
        mallory.buys("0.01").at("63000").placed();
        assertThat(mallory.buys("0.01").at("62000").rejected()).isEqualTo(Code.TOO_MANY_OPEN_ORDERS);

        bob.sells("0.01").at("63998").placed(); // fills mallory's best bid
        assertThat(mallory.liveOrders()).hasSize(MAX - 1);
        mallory.buys("0.01").at("62000").placed();
    }

    @Test
    void aCancelAndAReplaceRacingEachOtherNeverMakeOneTooMany() {
        List<OrderState> resting = fillTheLimit(mallory);
        Engine before = Engine.restore(floor.engine.serialize());
        long now = floor.now;
        Command replace = new io.bulwark.engine.command.PlaceOrder(
                mallory.accountId,
                BTC,
                io.bulwark.engine.order.Side.BUY,
                OrderType.LIMIT,
                io.bulwark.engine.order.TimeInForce.GTC,
                new BigDecimal("63000"),
                null,
                new BigDecimal("0.01"),
                false,
                "");
        Command cancel = new CancelOrder(mallory.accountId, resting.get(0).orderId());

        // The engine applies one after the other, in whichever order they arrive.
        assertThat(floor.apply(replace)).isInstanceOf(Outcome.Rejected.class);
        assertThat(floor.apply(cancel)).isInstanceOf(Outcome.Applied.class);
        assertThat(before.apply(cancel, now + 1000)).isInstanceOf(Outcome.Applied.class);
        assertThat(before.apply(replace, now + 2000)).isInstanceOf(Outcome.Applied.class);

        assertThat(floor.engine.liveOrders(mallory.accountId, BTC)).hasSize(MAX - 1);
        assertThat(before.liveOrders(mallory.accountId, BTC)).hasSize(MAX);
    }

    @Test
    void aBurstOfOneMoreThanTheLimitLeavesExactlyTheLimit() {
        int accepted = 0;
        for (int i = 0; i <= MAX; i++) {
            if (mallory.buys("0.01").at(Integer.toString(64_000 - i)).send() instanceof Outcome.Applied) {
                accepted++;
            }
        }
        assertThat(accepted).isEqualTo(MAX);
    }

    /**
     * Any mix of places, cancels, amends, fills and triggers, in two markets and by two accounts: after
     * every command no account has more than the limit live in a market, and a refusal changes nothing.
     */
    @Test
    void noSequenceOfCommandsGetsPastTheLimit() {
        Random random = new Random(12);
        Map<String, TradingFloor.Trader> traders = Map.of("mallory", mallory, "bob", bob);
        Map<String, Integer> peak = new HashMap<>();
        for (int step = 0; step < 600; step++) {
            TradingFloor.Trader who = random.nextBoolean() ? mallory : bob;
            String market = random.nextBoolean() ? BTC : ETH;
            String price = Integer.toString(64_800 + random.nextInt(400));
            String hash = floor.engine.stateHash();
            Outcome outcome = switch (random.nextInt(6)) {
                case 0, 1 ->
                    (random.nextBoolean() ? who.buys("0.01") : who.sells("0.01"))
                            .at(price)
                            .in(market)
                            .send();
                case 2 ->
                    who.sells("0.01")
                            .triggered(OrderType.STOP_MARKET, Integer.toString(60_000 + random.nextInt(1000)))
                            .in(market)
                            .send();
                case 3 ->
                    (random.nextBoolean() ? who.buys("0.02") : who.sells("0.02"))
                            .at(price)
                            .in(market)
                            .ioc()
                            .send();
                case 4 ->
                    who.liveOrders().stream()
                            .findFirst()
                            .map(o -> who.cancels(o.orderId()))
                            .orElseGet(() -> floor.prices(market, "65000"));
                default ->
                    who.liveOrders().stream()
                            .filter(o -> o.type() == OrderType.LIMIT)
                            .findFirst()
                            .map(o -> floor.apply(
                                    new AmendOrder(who.accountId, o.orderId(), new BigDecimal(price), null)))
                            .orElseGet(() -> floor.prices(market, "65000"));
            };
            if (outcome instanceof Outcome.Rejected) {
                assertThat(floor.engine.stateHash()).isEqualTo(hash);
            }
            for (var t : traders.entrySet()) {
                for (String m : List.of(BTC, ETH)) {
                    int live =
                            floor.engine.liveOrders(t.getValue().accountId, m).size();
                    assertThat(live)
                            .as("%s in %s after step %d", t.getKey(), m, step)
                            .isLessThanOrEqualTo(MAX);
                    peak.merge(t.getKey() + m, live, Math::max);
                }
            }
        }
        assertThat(peak.values()).as("the run reaches the limit").contains(MAX);
    }
}
