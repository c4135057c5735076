package io.bulwark.fault;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.Engine;
import io.bulwark.engine.TradingFloor;
import io.bulwark.engine.account.Role;
import io.bulwark.engine.command.AmendOrder;
import io.bulwark.engine.command.CancelOrder;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.command.CreateAccount;
import io.bulwark.engine.command.CreateMarket;
import io.bulwark.engine.command.Deposit;
import io.bulwark.engine.command.IssueApiKey;
import io.bulwark.engine.command.PayRefunds;
import io.bulwark.engine.command.PlaceOrder;
import io.bulwark.engine.command.PostOraclePrices;
import io.bulwark.engine.command.Tick;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.Liquidated;
import io.bulwark.engine.event.OraclePriceAccepted;
import io.bulwark.engine.event.OracleReanchored;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.ledger.Ledger;
import io.bulwark.engine.market.MarketSpec;
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
 * Adversarial command streams at the engine (issue 11), each for a third of {@code fault.fuzz.seconds}:
 *
 * <ul>
 *   <li>colluding traders who fill each other's closing, reduce-only, trigger and amended orders at giveaway
 *       prices: the liquidator vault never covers bad debt created by an account's own orders (at an
 *       unchanged mark nobody is ever liquidated and the vault never moves);
 *   <li>oracle key holders posting under invented and other keys' source names, walking prices in bursts and
 *       over time: no item is accepted for a source its key is not bound to, and the index never moves more
 *       than {@code maxPriceJumpBps} within {@code priceJumpWindowSeconds} except by a re-anchor;
 *   <li>overlapping incidents, with the same losses in several payments at different amounts: every loss is
 *       paid once, at the amount of the first payment that named it.
 * </ul>
 *
 * In every stream the ledger conserves and the engine's integrity checks pass.
 */
class AdversarialFuzzFaultTests {
    private static final String BTC = TradingFloor.BTC;
    private static final int ACCOUNTS = 10;
    private final Duration duration = FaultRun.secondsSetting("fault.fuzz.seconds", 600);

    @Test
    void colludingTradersNeverMakeTheVaultPay() {
        fuzz("colluders", colluderStreams(), AdversarialFuzzFaultTests::playColluders);
    }

    @Test
    void oracleKeyHoldersNeverWalkTheIndexPastTheWindowedLimit() {
        fuzz("oracle", oracleStreams(), AdversarialFuzzFaultTests::playOracle);
    }

    @Test
    void overlappingIncidentsPayEveryLossOnce() {
        fuzz("incidents", incidentStreams(), AdversarialFuzzFaultTests::playIncidents);
    }

    /** Plays streams for this scenario's share of the time; records figures and failures. */
    private <T> void fuzz(String scenario, Arbitrary<List<T>> streams, Function<List<T>, String> play) {
        FaultRun run = new FaultRun("adversarial-fuzz-" + scenario);
        Iterator<List<T>> samples = streams.sampleStream().iterator();
        List<String> failures = new ArrayList<>();
        long count = 0;
        long commands = 0;
        long deadline = System.nanoTime() + share().toNanos();
        while (System.nanoTime() < deadline && failures.size() < 10) {
            List<T> stream = samples.next();
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

    // ---- oracle key holders ----------------------------------------------------------------------

    private static final List<String> FEEDS = List.of("a", "b", "c", "x");
    private static final List<String> NAMES = List.of("a", "b", "c", "x", "y", "z");

    /** One post: who posts (a key bound to FEEDS[key]), its items as (source, price move in bps), then a pause. */
    private record Post(int key, List<Tuple.Tuple2<String, Integer>> items, int pauseMillis) {}

    private static String playOracle(List<Post> stream) {
        Engine engine = new Engine();
        long now = 0;
        engine.apply(new CreateMarket(TradingFloor.btc()), now += 100);
        for (String feed : FEEDS) {
            engine.apply(new IssueApiKey("k-" + feed, Role.ORACLE, "h-" + feed, feed), now += 100);
        }
        engine.apply(
                new PostOraclePrices(
                        FEEDS.subList(0, 3).stream()
                                .map(f -> new PostOraclePrices.Quote(BTC, f, "65000", 0))
                                .toList(),
                        null),
                now += 100);
        MarketSpec spec = TradingFloor.btc();
        List<long[]> seen = new ArrayList<>(); // engine time, index in hundredths
        for (Post post : stream) {
            now += post.pauseMillis();
            BigDecimal index = engine.market(BTC).orElseThrow().indexPrice();
            long stamp = now;
            List<PostOraclePrices.Quote> quotes = post.items().stream()
                    .map(i -> new PostOraclePrices.Quote(BTC, i.get1(), moved(index, i.get2()), stamp))
                    .toList();
            String key = "k-" + FEEDS.get(post.key());
            Outcome outcome;
            try {
                outcome = engine.apply(new PostOraclePrices(quotes, key), now);
            } catch (RuntimeException e) {
                return post + " threw " + e;
            }
            if (outcome instanceof Outcome.Applied applied) {
                for (Event e : applied.events()) {
                    if (e instanceof OraclePriceAccepted a && !a.source().equals(FEEDS.get(post.key()))) {
                        return "key " + key + " was accepted for source " + a.source();
                    }
                    if (e instanceof OracleReanchored) {
                        seen.clear(); // every fresh source agreed on the move: a new baseline
                    }
                }
            }
            BigDecimal after = engine.market(BTC).orElseThrow().indexPrice();
            long tenths = after.movePointRight(2).longValueExact(); // hundredths: a median of two halves a tick
            for (long[] earlier : seen) {
                if (now - earlier[0] <= spec.priceJumpWindowSeconds() * 1000
                        && Math.abs(tenths - earlier[1]) * 10_000 > earlier[1] * spec.maxPriceJumpBps()) {
                    return "the index moved from " + earlier[1] + " to " + tenths + " hundredths within "
                            + (now - earlier[0]) + " ms";
                }
            }
            seen.add(new long[] {now, tenths});
            seen.removeIf(e -> stamp - e[0] > spec.priceJumpWindowSeconds() * 1000);
            String broken = broken(engine, () -> BigDecimal.ZERO);
            if (broken != null) {
                return "after " + post + ": " + broken;
            }
        }
        return null;
    }

    /** The index moved by {@code bps}, on the tick. */
    private static String moved(BigDecimal index, int bps) {
        return index.multiply(BigDecimal.valueOf(10_000L + bps))
                .divide(BigDecimal.valueOf(1000), 0, java.math.RoundingMode.HALF_EVEN)
                .movePointLeft(1)
                .toPlainString();
    }

    private static Arbitrary<List<Post>> oracleStreams() {
        Arbitrary<Tuple.Tuple2<String, Integer>> item = Combinators.combine(
                        Arbitraries.of(NAMES),
                        Arbitraries.frequencyOf(
                                Tuple.of(4, Arbitraries.integers().between(-990, 990)),
                                Tuple.of(1, Arbitraries.integers().between(-3000, 3000))))
                .as(Tuple::of);
        Arbitrary<Post> post = Combinators.combine(
                        Arbitraries.integers().between(0, FEEDS.size() - 1),
                        item.list().ofMinSize(1).ofMaxSize(30),
                        Arbitraries.frequencyOf(
                                Tuple.of(5, Arbitraries.integers().between(0, 500)),
                                Tuple.of(2, Arbitraries.integers().between(500, 8000)),
                                Tuple.of(1, Arbitraries.integers().between(8000, 70_000))))
                .as(Post::new);
        return post.list().ofMinSize(10).ofMaxSize(120);
    }

    // ---- overlapping incidents -------------------------------------------------------------------

    /** The losses any incident may name: 12 identities, each an account's liquidation or funding payment. */
    private static final int LOSSES = 12;

    private static String playIncidents(List<Command> stream) {
        Engine engine = new Engine();
        long now = 0;
        engine.apply(new CreateMarket(TradingFloor.btc()), now += 100);
        for (int a = 1; a <= 4; a++) {
            engine.apply(new CreateAccount("t" + a, "key" + a, "hash" + a), now += 100);
        }
        engine.apply(new Deposit(Ledger.LIQUIDATOR_VAULT, new BigDecimal("1000000"), "vault"), now += 100);
        java.util.Map<String, BigDecimal> expected = new java.util.TreeMap<>();
        java.util.Set<String> paidItems = new java.util.TreeSet<>();
        for (Command command : stream) {
            Outcome outcome;
            try {
                outcome = engine.apply(command, now += 100);
            } catch (RuntimeException e) {
                return command + " threw " + e;
            }
            if (outcome instanceof Outcome.Applied && command instanceof PayRefunds pay) {
                for (PayRefunds.Refund r : pay.refunds()) {
                    for (PayRefunds.Item i : r.items()) {
                        if (paidItems.add(r.accountId() + "/" + i.kind() + "/" + i.sequence() + "/" + i.market())) {
                            expected.merge(r.accountId(), i.amount(), BigDecimal::add);
                        }
                    }
                }
            }
            for (int a = 1; a <= 4; a++) {
                String account = Integer.toString(a);
                BigDecimal want = expected.getOrDefault(account, BigDecimal.ZERO);
                if (engine.balance(account).compareTo(want) != 0) {
                    return "after " + command + ": account " + account + " was refunded " + engine.balance(account)
                            + ", its distinct losses come to " + want;
                }
            }
            String broken = broken(engine, () -> BigDecimal.ZERO);
            if (broken != null) {
                return "after " + command + ": " + broken;
            }
        }
        return null;
    }

    private static Arbitrary<List<Command>> incidentStreams() {
        Arbitrary<PayRefunds.Item> item = Combinators.combine(
                        Arbitraries.integers().between(0, LOSSES - 1),
                        Arbitraries.integers().between(1, 500_000))
                .as((n, cents) -> new PayRefunds.Item(
                        n % 2 == 0 ? PayRefunds.Kind.LIQUIDATION : PayRefunds.Kind.FUNDING,
                        2 + n / 2,
                        BTC,
                        BigDecimal.valueOf(cents, 2)));
        Arbitrary<PayRefunds.Refund> refund = Combinators.combine(
                        Arbitraries.integers().between(1, 4),
                        item.list().ofMinSize(1).ofMaxSize(4).uniqueElements(i -> i.kind() + "/" + i.sequence()))
                .as((a, items) -> new PayRefunds.Refund(
                        Integer.toString(a),
                        items.stream().map(PayRefunds.Item::amount).reduce(BigDecimal.ZERO, BigDecimal::add),
                        items));
        Arbitrary<Command> pay = Combinators.combine(
                        Arbitraries.integers().between(1, 12),
                        refund.list().ofMinSize(1).ofMaxSize(4).uniqueElements(PayRefunds.Refund::accountId))
                .as((id, refunds) -> new PayRefunds("inc-" + id, refunds, "admin:fuzz"));
        return pay.list().ofMinSize(2).ofMaxSize(30);
    }

    // ---- colluding traders -----------------------------------------------------------------------

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
