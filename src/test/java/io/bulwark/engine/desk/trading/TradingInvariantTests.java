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
import io.bulwark.engine.command.TakeSnapshot;
import io.bulwark.engine.command.Tick;
import io.bulwark.engine.event.OrderPlaced;
import io.bulwark.engine.event.OrderUpdated;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.ledger.Ledger;
import io.bulwark.engine.order.OrderState;
import io.bulwark.engine.order.OrderType;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.order.TimeInForce;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Random order flow from four traders: after every command the book is never crossed, the ledger
 * conserves, open interest balances, realized PnL matches the settlement account, every order's size
 * is accounted for, and replay from a mid-stream snapshot reproduces the state hash.
 */
class TradingInvariantTests {
    private static final List<String> ACCOUNTS = List.of("1", "2", "3", "4");

    @Property(tries = 150)
    void tradingKeepsEveryInvariant(@ForAll("orderFlow") List<Command> flow) {
        Engine engine = new Engine();
        List<Command> setup = new ArrayList<>();
        setup.add(new CreateMarket(TradingFloor.btc()));
        for (String a : ACCOUNTS) {
            setup.add(new CreateAccount("t" + a, "key" + a, "hash" + a));
            setup.add(new Deposit(a, new BigDecimal("20000"), "dep" + a));
        }
        setup.add(prices(new BigDecimal("65000")));
        long now = 0;
        List<Object[]> journal = new ArrayList<>();
        Map<String, OrderState> finalStates = new HashMap<>();
        byte[] snapshot = null;
        List<Command> all = new ArrayList<>(setup);
        all.addAll(flow);
        for (int i = 0; i < all.size(); i++) {
            if (i == setup.size() + flow.size() / 2) {
                snapshot = ((Outcome.Applied) engine.apply(new TakeSnapshot("mid"), now += 100)).snapshot();
            }
            now += 100;
            Command command = stamped(all.get(i), now);
            Outcome outcome = engine.apply(command, now);
            if (outcome instanceof Outcome.Applied applied) {
                journal.add(new Object[] {applied.sequence(), applied.timestamp(), command});
                applied.events().forEach(e -> {
                    if (e instanceof OrderPlaced p) {
                        finalStates.put(p.order().orderId(), p.order());
                    } else if (e instanceof OrderUpdated u) {
                        finalStates.put(u.order().orderId(), u.order());
                    }
                });
            }
            assertInvariants(engine);
        }
        boolean traded = !engine.positions("1").isEmpty()
                || !engine.positions("2").isEmpty()
                || !engine.positions("3").isEmpty()
                || !engine.positions("4").isEmpty()
                || engine.balance(Ledger.FEES).signum() > 0;
        Statistics.label("stream").collect(traded ? "traded" : "no trade");
        Statistics.label("stream").coverage(c -> c.check("traded").percentage(p -> p >= 60.0));
        for (OrderState o : finalStates.values()) {
            assertThat(o.filledSize()).isLessThanOrEqualTo(o.size());
            assertThat(o.status().isLive())
                    .isEqualTo(engine.liveOrder(o.accountId(), o.orderId()).isPresent());
        }
        if (snapshot != null) {
            Engine recovered = Engine.restore(snapshot);
            for (Object[] row : journal) {
                if ((long) row[0] > recovered.lastSequence()) {
                    recovered.replay((long) row[0], (long) row[1], (Command) row[2]);
                }
            }
            assertThat(recovered.stateHash()).isEqualTo(engine.stateHash());
        }
    }

    /** Three sources quoting {@code price}; the timestamp is filled in when the command is applied. */
    private static PostOraclePrices prices(BigDecimal price) {
        return new PostOraclePrices(List.of(
                new PostOraclePrices.Quote(BTC, "a", price.toPlainString(), 0),
                new PostOraclePrices.Quote(BTC, "b", price.toPlainString(), 0),
                new PostOraclePrices.Quote(BTC, "c", price.toPlainString(), 0)));
    }

    private static Command stamped(Command command, long now) {
        if (command instanceof PostOraclePrices p) {
            return new PostOraclePrices(p.quotes().stream()
                    .map(q -> new PostOraclePrices.Quote(q.market(), q.source(), q.price(), now))
                    .toList());
        }
        return command;
    }

    private static void assertInvariants(Engine engine) {
        var book = engine.orderBook(BTC, 1).orElseThrow();
        if (!book.bids().isEmpty() && !book.asks().isEmpty()) {
            assertThat(book.bids().getFirst().price())
                    .isLessThan(book.asks().getFirst().price());
        }
        assertThat(engine.ledgerBalances().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add))
                .isZero();
        BigDecimal net = BigDecimal.ZERO;
        for (String a : ACCOUNTS) {
            for (var p : engine.positions(a)) {
                net = net.add(p.size());
            }
        }
        assertThat(net).as("long open interest equals short").isZero();
        assertThat(engine.balance(Ledger.FEES).signum()).isNotNegative();
        assertThat(engine.balance(Ledger.SETTLEMENT))
                .isEqualByComparingTo(engine.totalCostBasis().negate());
    }

    @Provide
    Arbitrary<List<Command>> orderFlow() {
        Arbitrary<String> account = Arbitraries.of(ACCOUNTS);
        Arbitrary<Side> side = Arbitraries.of(Side.class);
        Arbitrary<BigDecimal> price =
                Arbitraries.integers().between(64_900, 65_100).map(p -> BigDecimal.valueOf(p, 0));
        Arbitrary<BigDecimal> size = Arbitraries.integers().between(1, 3000).map(s -> BigDecimal.valueOf(s, 3));
        Arbitrary<TimeInForce> tif = Arbitraries.of(TimeInForce.class);
        Arbitrary<Command> limit = Combinators.combine(
                        account, side, price, size, tif, Arbitraries.of(true, false, false, false))
                .as((a, s, p, q, t, r) -> new PlaceOrder(a, BTC, s, OrderType.LIMIT, t, p, null, q, r, ""));
        Arbitrary<Command> market = Combinators.combine(account, side, size)
                .as((a, s, q) ->
                        new PlaceOrder(a, BTC, s, OrderType.MARKET, TimeInForce.IOC, null, null, q, false, ""));
        Arbitrary<Command> stop = Combinators.combine(account, side, price, size)
                .as((a, s, p, q) ->
                        new PlaceOrder(a, BTC, s, OrderType.STOP_MARKET, TimeInForce.GTC, null, p, q, false, ""));
        Arbitrary<Command> cancel = Combinators.combine(
                        account, Arbitraries.integers().between(1, 120))
                .as((a, id) -> new CancelOrder(a, Integer.toString(id)));
        Arbitrary<Command> amend = Combinators.combine(
                        account, Arbitraries.integers().between(1, 120), price, size)
                .as((a, id, p, q) -> new AmendOrder(a, Integer.toString(id), p, q));
        Arbitrary<Command> cancelAll = account.map(a -> new CancelOrders(a, ""));
        return Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(10, limit),
                        net.jqwik.api.Tuple.of(2, market),
                        net.jqwik.api.Tuple.of(2, stop),
                        net.jqwik.api.Tuple.of(3, cancel),
                        net.jqwik.api.Tuple.of(2, amend),
                        net.jqwik.api.Tuple.of(1, cancelAll),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(new Tick())),
                        net.jqwik.api.Tuple.of(2, price.map(TradingInvariantTests::prices)))
                .list()
                .ofMinSize(30)
                .ofMaxSize(120);
    }
}
