package io.bulwark.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.Engine;
import io.bulwark.engine.TradingFloor;
import io.bulwark.engine.command.AmendOrder;
import io.bulwark.engine.command.CancelOrder;
import io.bulwark.engine.command.CancelOrders;
import io.bulwark.engine.command.ChangeTradingState;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.command.CreateAccount;
import io.bulwark.engine.command.CreateMarket;
import io.bulwark.engine.command.Deposit;
import io.bulwark.engine.command.PlaceOrder;
import io.bulwark.engine.command.PostOraclePrices;
import io.bulwark.engine.command.TakeSnapshot;
import io.bulwark.engine.command.Tick;
import io.bulwark.engine.command.Withdraw;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.order.OrderType;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.order.TimeInForce;
import io.bulwark.engine.state.TradingState;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/**
 * Bad commands at the engine's validation (issue 6): for {@code fault.fuzz.seconds}, streams of commands with
 * any account, market, side, type, time in force, and prices, sizes and amounts that are zero, negative,
 * off-tick, of any scale or absurdly large, mixed with valid order flow and oracle prices that are garbage.
 * No command may throw; after every command the engine's own integrity checks pass, the ledger conserves, the
 * book is not crossed; at the end replay from a mid-stream snapshot reproduces the state hash.
 */
class EngineFuzzFaultTests {
    private static final String BTC = TradingFloor.BTC;
    private static final List<String> ACCOUNTS = List.of("1", "2", "3", "4");
    private final FaultRun run = new FaultRun("engine-fuzz");
    private final Duration duration = FaultRun.secondsSetting("fault.fuzz.seconds", 600);

    @Test
    void noCommandThrowsOrBreaksAnInvariant() {
        Iterator<List<Command>> streams = streams().sampleStream().iterator();
        List<String> failures = new ArrayList<>();
        long streamCount = 0;
        long commands = 0;
        long deadline = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < deadline && failures.size() < 10) {
            List<Command> stream = streams.next();
            streamCount++;
            commands += stream.size();
            String failure = play(stream);
            if (failure != null) {
                failures.add(failure);
            }
        }
        run.print(
                "figures: %d s, %d streams, %d commands, %d failures",
                duration.toSeconds(), streamCount, commands, failures.size());
        failures.forEach(f -> run.print("FAILURE %s", f));
        run.save();
        assertThat(failures).isEmpty();
    }

    /** Applies setup and stream; the first broken invariant, or null. */
    private static String play(List<Command> stream) {
        Engine engine = new Engine();
        List<Command> all = new ArrayList<>();
        all.add(new CreateMarket(TradingFloor.btc()));
        for (String a : ACCOUNTS) {
            all.add(new CreateAccount("t" + a, "key" + a, "hash" + a));
            all.add(new Deposit(a, new BigDecimal("20000"), "dep" + a));
        }
        all.add(prices("65000"));
        int setup = all.size();
        all.addAll(stream);
        List<Object[]> journal = new ArrayList<>();
        byte[] snapshot = null;
        long now = 0;
        for (int i = 0; i < all.size(); i++) {
            if (i == setup + stream.size() / 2) {
                snapshot = ((Outcome.Applied) engine.apply(new TakeSnapshot("fuzz"), now += 100)).snapshot();
            }
            now += 100;
            Command command = stamped(all.get(i), now);
            try {
                if (engine.apply(command, now) instanceof Outcome.Applied applied) {
                    journal.add(new Object[] {applied.sequence(), applied.timestamp(), command});
                }
            } catch (RuntimeException e) {
                return command + " threw " + e;
            }
            String broken = brokenInvariant(engine);
            if (broken != null) {
                return "after " + command + ": " + broken;
            }
        }
        if (snapshot != null) {
            Engine recovered = Engine.restore(snapshot);
            for (Object[] row : journal) {
                if ((long) row[0] > recovered.lastSequence()) {
                    recovered.replay((long) row[0], (long) row[1], (Command) row[2]);
                }
            }
            if (!recovered.stateHash().equals(engine.stateHash())) {
                return "replay from the mid-stream snapshot does not reproduce the state hash";
            }
        }
        return null;
    }

    private static String brokenInvariant(Engine engine) {
        List<String> problems = engine.integrityProblems();
        if (!problems.isEmpty()) {
            return "integrity: " + problems;
        }
        BigDecimal sum = engine.ledgerBalances().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (sum.signum() != 0) {
            return "ledger sums to " + sum;
        }
        var book = engine.orderBook(BTC, 1).orElseThrow();
        if (!book.bids().isEmpty()
                && !book.asks().isEmpty()
                && book.bids()
                                .getFirst()
                                .price()
                                .compareTo(book.asks().getFirst().price())
                        >= 0) {
            return "crossed book " + book;
        }
        return null;
    }

    private static Arbitrary<List<Command>> streams() {
        Arbitrary<String> account = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.of(ACCOUNTS)),
                Tuple.of(1, Arbitraries.of("999", "", "EXTERNAL", "FEES", "LIQUIDATOR_VAULT")));
        Arbitrary<String> market = Arbitraries.frequencyOf(
                Tuple.of(12, Arbitraries.just(BTC)), Tuple.of(1, Arbitraries.of("NOPE-USD-PERP", "", "btc-usd-perp")));
        Arbitrary<BigDecimal> goodPrice =
                Arbitraries.integers().between(64_900, 65_100).map(p -> BigDecimal.valueOf(p, 0));
        Arbitrary<BigDecimal> badNumber = Arbitraries.of(
                        "0",
                        "-1",
                        "-65000",
                        "65000.05",
                        "0.0000000000000000001",
                        "1E+30",
                        "1E-30",
                        "65000.000000000000001",
                        "99999999999999999999999999999999999999",
                        "-0.001",
                        "1E+400")
                .map(BigDecimal::new);
        Arbitrary<BigDecimal> price = Arbitraries.frequencyOf(Tuple.of(6, goodPrice), Tuple.of(1, badNumber));
        Arbitrary<BigDecimal> optionalPrice = Arbitraries.frequencyOf(
                Tuple.of(6, goodPrice), Tuple.of(1, badNumber), Tuple.of(2, Arbitraries.just(null)));
        Arbitrary<BigDecimal> size = Arbitraries.frequencyOf(
                Tuple.of(6, Arbitraries.integers().between(1, 3000).map(s -> BigDecimal.valueOf(s, 3))),
                Tuple.of(1, badNumber));
        Arbitrary<String> clientOrderId = Arbitraries.of("", "", "", "a", "b", "x".repeat(64));
        Arbitrary<Command> order = Combinators.combine(
                        account,
                        market,
                        Arbitraries.of(Side.class),
                        Arbitraries.of(OrderType.class),
                        Arbitraries.of(TimeInForce.class),
                        optionalPrice,
                        optionalPrice,
                        size)
                .flatAs((a, m, s, type, tif, p, trigger, q) -> Combinators.combine(
                                Arbitraries.of(true, false), clientOrderId)
                        .as((reduce, id) -> new PlaceOrder(a, m, s, type, tif, p, trigger, q, reduce, id)));
        Arbitrary<String> orderId = Arbitraries.oneOf(
                Arbitraries.integers().between(1, 150).map(i -> Integer.toString(i)),
                Arbitraries.of("", "-1", "abc", "99999999999999999999"));
        Arbitrary<Command> cancel = Combinators.combine(account, orderId).as(CancelOrder::new);
        Arbitrary<Command> amend = Combinators.combine(
                        account, orderId, optionalPrice, Arbitraries.oneOf(size, Arbitraries.just(null)))
                .as(AmendOrder::new);
        Arbitrary<Command> cancelAll =
                Combinators.combine(account, Arbitraries.of("", BTC, "NOPE")).as(CancelOrders::new);
        Arbitrary<Command> withdraw = Combinators.combine(
                        account,
                        Arbitraries.oneOf(size, badNumber),
                        Arbitraries.oneOf(
                                Arbitraries.of("w1", "w2", "", "a b", "x".repeat(65), "ü"), Arbitraries.just(null)))
                .as(Withdraw::new);
        Arbitrary<Command> deposit = Combinators.combine(
                        account, Arbitraries.oneOf(size, badNumber), Arbitraries.of("r1", "r2", "r3", ""))
                .as(Deposit::new);
        Arbitrary<Command> oracle = Arbitraries.oneOf(
                        goodPrice.map(BigDecimal::toPlainString),
                        Arbitraries.of(
                                "NaN", "Infinity", "-1", "0", "abc", "", "1e400", "65000.123456789123456789", "6.5E+4"))
                .map(EngineFuzzFaultTests::prices);
        Arbitrary<Command> state = Combinators.combine(
                        Arbitraries.of(ChangeTradingState.EXCHANGE, BTC, "NOPE"),
                        Arbitraries.of(TradingState.class),
                        Arbitraries.of(true, false))
                .as((m, s, forced) -> new ChangeTradingState(m, s, "fuzz", "fuzzer", forced));
        return Arbitraries.frequencyOf(
                        Tuple.of(12, order),
                        Tuple.of(3, cancel),
                        Tuple.of(2, amend),
                        Tuple.of(1, cancelAll),
                        Tuple.of(2, withdraw),
                        Tuple.of(1, deposit),
                        Tuple.of(3, oracle),
                        Tuple.of(1, state),
                        Tuple.of(1, Arbitraries.just(new Tick())))
                .list()
                .ofMinSize(20)
                .ofMaxSize(150);
    }

    private static PostOraclePrices prices(String price) {
        return new PostOraclePrices(List.of(
                new PostOraclePrices.Quote(BTC, "a", price, 0),
                new PostOraclePrices.Quote(BTC, "b", price, 0),
                new PostOraclePrices.Quote(BTC, "c", price, 0)));
    }

    /** Oracle quotes carry the time they are applied at, as the API stamps them. */
    private static Command stamped(Command command, long now) {
        if (command instanceof PostOraclePrices p) {
            return new PostOraclePrices(p.quotes().stream()
                    .map(q -> new PostOraclePrices.Quote(q.market(), q.source(), q.price(), now))
                    .toList());
        }
        return command;
    }
}
