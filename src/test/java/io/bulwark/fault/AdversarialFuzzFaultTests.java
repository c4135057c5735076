package io.bulwark.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.Engine;
import io.bulwark.engine.Outcome;
import io.bulwark.engine.TradingFloor;
import io.bulwark.engine.command.AmendOrder;
import io.bulwark.engine.command.CancelOrder;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.command.CreateAccount;
import io.bulwark.engine.command.CreateMarket;
import io.bulwark.engine.command.Deposit;
import io.bulwark.engine.command.PlaceOrder;
import io.bulwark.engine.command.PostOraclePrices;
import io.bulwark.engine.command.Tick;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.Liquidated;
import io.bulwark.engine.ledger.Ledger;
import io.bulwark.engine.order.OrderType;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.order.TimeInForce;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/**
 * Adversarial command streams at the engine (issue 11), each for a share of {@code fault.fuzz.seconds}:
 * colluding traders who fill each other's closing, reduce-only, trigger and amended orders at giveaway
 * prices. Invariants: the liquidator vault never covers bad debt created by an account's own orders (at an
 * unchanged mark nobody is ever liquidated and the vault never moves), the ledger conserves, the engine's
 * integrity checks pass.
 */
class AdversarialFuzzFaultTests {
    private static final String BTC = TradingFloor.BTC;
    private static final int ACCOUNTS = 10;
    private final FaultRun run = new FaultRun("adversarial-fuzz");
    private final Duration duration = FaultRun.secondsSetting("fault.fuzz.seconds", 600);

    @Test
    void colludingTradersNeverMakeTheVaultPay() {
        fuzz("colluders", colluderStreams(), AdversarialFuzzFaultTests::playColluders);
    }

    /** Plays streams for this scenario's share of the time; records figures and failures. */
    private void fuzz(String scenario, Arbitrary<List<Command>> streams, Function<List<Command>, String> play) {
        Iterator<List<Command>> samples = streams.sampleStream().iterator();
        List<String> failures = new ArrayList<>();
        long count = 0;
        long commands = 0;
        long deadline = System.nanoTime() + share().toNanos();
        while (System.nanoTime() < deadline && failures.size() < 10) {
            List<Command> stream = samples.next();
            count++;
            commands += stream.size();
            String failure = play.apply(stream);
            if (failure != null) {
                failures.add(failure);
            }
        }
        run.print(
                "%s: %d s, %d streams, %d commands, %d failures",
                scenario, share().toSeconds(), count, commands, failures.size());
        failures.forEach(f -> run.print("FAILURE %s: %s", scenario, f));
        run.save();
        assertThat(failures).isEmpty();
    }

    private Duration share() {
        return duration.dividedBy(3);
    }

    private static String playColluders(List<Command> stream) {
        Engine engine = new Engine();
        long now = 0;
        engine.apply(new CreateMarket(TradingFloor.btc()), now += 100);
        for (int a = 1; a <= ACCOUNTS; a++) {
            engine.apply(new CreateAccount("t" + a, "key" + a, "hash" + a), now += 100);
            engine.apply(new Deposit(Integer.toString(a), BigDecimal.valueOf(1000L * a * a), "dep" + a), now += 100);
        }
        engine.apply(prices(now + 100), now += 100);
        for (Command command : stream) {
            Outcome outcome;
            try {
                outcome = engine.apply(command, now += 100);
            } catch (RuntimeException e) {
                return command + " threw " + e;
            }
            if (outcome instanceof Outcome.Applied applied) {
                for (Event e : applied.events()) {
                    if (e instanceof Liquidated l) {
                        return "after " + command + ": an account's own orders liquidated it: " + l;
                    }
                }
            }
            String broken = broken(engine, () -> engine.balance(Ledger.LIQUIDATOR_VAULT));
            if (broken != null) {
                return "after " + command + ": " + broken;
            }
        }
        return null;
    }

    private static String broken(Engine engine, Supplier<BigDecimal> vault) {
        List<String> problems = engine.integrityProblems();
        if (!problems.isEmpty()) {
            return "integrity: " + problems;
        }
        BigDecimal sum = engine.ledgerBalances().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (sum.signum() != 0) {
            return "ledger sums to " + sum;
        }
        if (vault.get().signum() != 0) {
            return "the liquidator vault moved: " + vault.get();
        }
        return null;
    }

    private static Arbitrary<List<Command>> colluderStreams() {
        Arbitrary<String> account = Arbitraries.integers().between(1, ACCOUNTS).map(i -> Integer.toString(i));
        Arbitrary<Side> side = Arbitraries.of(Side.class);
        Arbitrary<BigDecimal> price = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(63_000, 67_000).map(BigDecimal::valueOf)),
                Tuple.of(1, Arbitraries.integers().between(1, 200_000).map(BigDecimal::valueOf)));
        Arbitrary<BigDecimal> size = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.integers().between(1, 2000).map(s -> BigDecimal.valueOf(s, 3))),
                Tuple.of(1, Arbitraries.integers().between(1, 50).map(BigDecimal::valueOf)));
        Arbitrary<Boolean> reduceOnly = Arbitraries.of(true, false, false);
        Arbitrary<Command> limit = Combinators.combine(
                        account, side, price, size, Arbitraries.of(TimeInForce.class), reduceOnly)
                .as((a, s, p, q, t, r) -> new PlaceOrder(a, BTC, s, OrderType.LIMIT, t, p, null, q, r, ""));
        Arbitrary<Command> market = Combinators.combine(account, side, size, reduceOnly)
                .as((a, s, q, r) -> new PlaceOrder(a, BTC, s, OrderType.MARKET, TimeInForce.IOC, null, null, q, r, ""));
        Arbitrary<Command> trigger = Combinators.combine(
                        account,
                        side,
                        price,
                        price,
                        size,
                        Arbitraries.of(OrderType.STOP_MARKET, OrderType.TAKE_PROFIT_MARKET, OrderType.STOP_LIMIT),
                        reduceOnly)
                .as((a, s, t, p, q, type, r) -> new PlaceOrder(
                        a, BTC, s, type, TimeInForce.GTC, type == OrderType.STOP_LIMIT ? p : null, t, q, r, ""));
        Arbitrary<String> orderId = Arbitraries.integers().between(1, 400).map(i -> Integer.toString(i));
        Arbitrary<Command> amend = Combinators.combine(
                        account, orderId, price, Arbitraries.oneOf(size, Arbitraries.just(null)))
                .as(AmendOrder::new);
        Arbitrary<Command> cancel = Combinators.combine(account, orderId).as(CancelOrder::new);
        return Arbitraries.frequencyOf(
                        Tuple.of(12, limit),
                        Tuple.of(3, market),
                        Tuple.of(3, trigger),
                        Tuple.of(4, amend),
                        Tuple.of(2, cancel),
                        Tuple.of(1, Arbitraries.just(new Tick())))
                .list()
                .ofMinSize(50)
                .ofMaxSize(250);
    }

    private static PostOraclePrices prices(long stamp) {
        return new PostOraclePrices(List.of(
                new PostOraclePrices.Quote(BTC, "a", "65000", stamp),
                new PostOraclePrices.Quote(BTC, "b", "65000", stamp),
                new PostOraclePrices.Quote(BTC, "c", "65000", stamp)));
    }
}
