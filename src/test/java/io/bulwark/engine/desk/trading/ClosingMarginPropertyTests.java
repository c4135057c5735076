package io.bulwark.engine.desk.trading;

import static io.bulwark.engine.TradingFloor.BTC;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.Engine;
import io.bulwark.engine.TradingFloor;
import io.bulwark.engine.command.AmendOrder;
import io.bulwark.engine.command.CancelOrder;
import io.bulwark.engine.command.CancelOrders;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.command.CreateAccount;
import io.bulwark.engine.command.CreateMarket;
import io.bulwark.engine.command.Deposit;
import io.bulwark.engine.command.PlaceOrder;
import io.bulwark.engine.command.PostOraclePrices;
import io.bulwark.engine.command.Tick;
import io.bulwark.engine.event.Liquidated;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.ledger.Ledger;
import io.bulwark.engine.market.MarketSpec;
import io.bulwark.engine.order.OrderState;
import io.bulwark.engine.order.OrderType;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.order.TimeInForce;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * SPEC section 3 (v2), the invariant of "closing is not a loophole", over random streams of many
 * closing, reduce-only, trigger and amended orders from five accounts that also fill each other:
 * at an unchanged mark, for every account and each side, if all its live orders on that side
 * filled at their prices (reduce-only ones only as far as they close) and paid the taker fee, its
 * initial margin requirement at mark would not exceed its equity: the accounts start flat, and no
 * command makes that shortfall larger (an order may only narrow one). Nobody is ever liquidated and
 * the liquidator vault never pays. The worst case is computed here from the engine's public views,
 * independently of the engine's own, more conservative, check.
 */
class ClosingMarginPropertyTests {
    private static final List<String> ACCOUNTS = List.of("1", "2", "3", "4", "5");
    private static final BigDecimal MARK = new BigDecimal("65000");
    private static final MarketSpec SPEC = TradingFloor.btc();

    @Property(tries = 300)
    void noAccountsOwnOrdersCanLeaveItUnderWater(@ForAll("orderFlow") List<Command> flow) {
        Engine engine = new Engine();
        long now = 0;
        List<Command> setup = new ArrayList<>();
        setup.add(new CreateMarket(SPEC));
        for (String a : ACCOUNTS) {
            setup.add(new CreateAccount("t" + a, "key" + a, "hash" + a));
            setup.add(new Deposit(a, new BigDecimal(Integer.parseInt(a) * 2500), "dep" + a));
        }
        for (Command c : setup) {
            engine.apply(c, now += 100);
        }
        engine.apply(prices(now + 100), now += 100);
        int accepted = 0;
        int refusedForMargin = 0;
        java.util.Map<String, BigDecimal> deficits = new java.util.HashMap<>();
        for (Command command : flow) {
            Outcome outcome = engine.apply(command, now += 100);
            if (outcome instanceof Outcome.Applied applied) {
                accepted++;
                assertThat(applied.events()).noneMatch(Liquidated.class::isInstance);
            } else if (outcome instanceof Outcome.Rejected r
                    && r.rejection().code() == io.bulwark.engine.command.Rejection.Code.INSUFFICIENT_MARGIN) {
                refusedForMargin++;
            }
            assertThat(engine.market(BTC).orElseThrow().markPrice()).isEqualByComparingTo(MARK);
            for (String account : ACCOUNTS) {
                for (Side side : Side.values()) {
                    String key = account + side;
                    BigDecimal deficit = deficit(engine, account, side);
                    assertThat(deficit)
                            .as("account %s if all its %s orders filled, after %s", account, side, command)
                            .isLessThanOrEqualTo(deficits.getOrDefault(key, BigDecimal.ZERO));
                    deficits.put(key, deficit);
                }
            }
        }
        assertThat(engine.balance(Ledger.LIQUIDATOR_VAULT)).isZero();
        Statistics.label("margin refusals").collect(refusedForMargin > 0 ? "some" : "none");
        Statistics.label("margin refusals").coverage(c -> c.check("some").percentage(p -> p >= 50));
        Statistics.label("accepted").collect(accepted > 10 ? "many" : "few");
    }

    /**
     * How far the account's equity would fall short of its initial margin requirement at mark if
     * all its live orders on {@code side} filled at their prices, reduce-only ones only as far as
     * they close, each paying the taker fee; zero when it would not.
     */
    private static BigDecimal deficit(Engine engine, String account, Side side) {
        BigDecimal position =
                engine.positions(account).stream().map(p -> p.size()).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal equity = engine.risk(account).orElseThrow().equity();
        List<OrderState> orders = engine.liveOrders(account, BTC).stream()
                .filter(o -> o.side() == side)
                .sorted(Comparator.comparing(ClosingMarginPropertyTests::worstPrice, worstFirst(side)))
                .toList();
        BigDecimal closable = position.signum() == -side.sign() ? position.abs() : BigDecimal.ZERO;
        BigDecimal hypothetical = position;
        BigDecimal equityAfter = equity;
        BigDecimal feeRate = SPEC.takerFee().max(SPEC.makerFee());
        for (boolean reduceOnly : new boolean[] {true, false}) {
            for (OrderState o : orders) {
                if (o.reduceOnly() != reduceOnly) {
                    continue;
                }
                BigDecimal size = o.size().subtract(o.filledSize());
                if (reduceOnly) {
                    size = size.min(closable);
                    closable = closable.subtract(size);
                }
                BigDecimal price = worstPrice(o);
                BigDecimal signed = side == Side.BUY ? size : size.negate();
                hypothetical = hypothetical.add(signed);
                equityAfter = equityAfter
                        .add(MARK.subtract(price).multiply(signed))
                        .subtract(price.multiply(size).multiply(feeRate));
            }
        }
        BigDecimal requirement = hypothetical.abs().multiply(MARK).multiply(SPEC.initialMarginFraction());
        return requirement.subtract(equityAfter).max(BigDecimal.ZERO);
    }

    /**
     * Its limit; a market-type trigger fills at worst at the price band's edge around the mark when
     * it fires: at its trigger, or past it.
     */
    private static BigDecimal worstPrice(OrderState o) {
        if (o.price() != null) {
            return o.price();
        }
        BigDecimal band = BigDecimal.valueOf(SPEC.priceBandBps()).movePointLeft(4);
        BigDecimal edge = o.side() == Side.BUY
                ? o.triggerPrice().max(MARK).multiply(BigDecimal.ONE.add(band))
                : o.triggerPrice().min(MARK).multiply(BigDecimal.ONE.subtract(band));
        return edge.divide(SPEC.tickSize(), 0, o.side() == Side.BUY ? RoundingMode.FLOOR : RoundingMode.CEILING)
                .multiply(SPEC.tickSize());
    }

    private static Comparator<BigDecimal> worstFirst(Side side) {
        return side == Side.BUY ? Comparator.reverseOrder() : Comparator.naturalOrder();
    }

    private static PostOraclePrices prices(long stamp) {
        return new PostOraclePrices(List.of(
                new PostOraclePrices.Quote(BTC, "a", MARK.toPlainString(), stamp),
                new PostOraclePrices.Quote(BTC, "b", MARK.toPlainString(), stamp),
                new PostOraclePrices.Quote(BTC, "c", MARK.toPlainString(), stamp)));
    }

    @Provide
    Arbitrary<List<Command>> orderFlow() {
        Arbitrary<String> account = Arbitraries.of(ACCOUNTS);
        Arbitrary<Side> side = Arbitraries.of(Side.class);
        // near the mark to trade, far from it to try to rest at a giveaway price
        Arbitrary<BigDecimal> price = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(64_000, 66_000).map(p -> BigDecimal.valueOf(p))),
                Tuple.of(1, Arbitraries.integers().between(30_000, 100_000).map(p -> BigDecimal.valueOf(p))));
        Arbitrary<BigDecimal> size = Arbitraries.integers().between(1, 2500).map(s -> BigDecimal.valueOf(s, 3));
        Arbitrary<TimeInForce> tif = Arbitraries.of(TimeInForce.class);
        Arbitrary<Boolean> reduceOnly = Arbitraries.of(true, false, false);
        Arbitrary<Command> limit = Combinators.combine(account, side, price, size, tif, reduceOnly)
                .as((a, s, p, q, t, r) -> new PlaceOrder(a, BTC, s, OrderType.LIMIT, t, p, null, q, r, ""));
        Arbitrary<Command> market = Combinators.combine(account, side, size, reduceOnly)
                .as((a, s, q, r) -> new PlaceOrder(a, BTC, s, OrderType.MARKET, TimeInForce.IOC, null, null, q, r, ""));
        Arbitrary<Command> stop = Combinators.combine(
                        account, side, price, size, Arbitraries.of(OrderType.STOP_MARKET, OrderType.TAKE_PROFIT_MARKET))
                .as((a, s, p, q, t) -> new PlaceOrder(a, BTC, s, t, TimeInForce.GTC, null, p, q, false, ""));
        Arbitrary<Command> stopLimit = Combinators.combine(account, side, price, price, size)
                .as((a, s, trigger, p, q) ->
                        new PlaceOrder(a, BTC, s, OrderType.STOP_LIMIT, TimeInForce.GTC, p, trigger, q, false, ""));
        Arbitrary<Command> amend = Combinators.combine(
                        account, Arbitraries.integers().between(1, 160), price, size)
                .as((a, id, p, q) -> new AmendOrder(a, Integer.toString(id), p, q));
        Arbitrary<Command> cancel = Combinators.combine(
                        account, Arbitraries.integers().between(1, 160))
                .as((a, id) -> new CancelOrder(a, Integer.toString(id)));
        return Arbitraries.frequencyOf(
                        Tuple.of(12, limit),
                        Tuple.of(3, market),
                        Tuple.of(2, stop),
                        Tuple.of(2, stopLimit),
                        Tuple.of(4, amend),
                        Tuple.of(2, cancel),
                        Tuple.of(1, account.map(a -> new CancelOrders(a, ""))),
                        Tuple.of(1, Arbitraries.just(new Tick())))
                .list()
                .ofMinSize(40)
                .ofMaxSize(140);
    }
}
