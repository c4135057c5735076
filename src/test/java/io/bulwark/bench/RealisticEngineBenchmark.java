package io.bulwark.bench;

import io.bulwark.engine.Engine;
import io.bulwark.engine.TradingFloor;
import io.bulwark.engine.command.AmendOrder;
import io.bulwark.engine.command.CancelOrder;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.command.CreateAccount;
import io.bulwark.engine.command.CreateMarket;
import io.bulwark.engine.command.Deposit;
import io.bulwark.engine.command.PlaceOrder;
import io.bulwark.engine.command.PostOraclePrices;
import io.bulwark.engine.command.ResumeLiquidations;
import io.bulwark.engine.event.AccountCreated;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.Liquidated;
import io.bulwark.engine.event.LiquidationsPaused;
import io.bulwark.engine.event.OrderPlaced;
import io.bulwark.engine.event.OrderUpdated;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.event.Traded;
import io.bulwark.engine.order.OrderStatus;
import io.bulwark.engine.order.OrderType;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.order.TimeInForce;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W1 realistic (issue 15): one engine thread applies a steady trading mix to a BTC-USD-PERP market where
 * {@code holders} accounts hold positions (half long, half short, 0.1 BTC each, leverage from about 3x to
 * about 45x), the oracle index walks, market makers quote around it, holders take liquidity with IOC
 * orders that fill, and stop / take-profit orders rest (and fire when the walk reaches them). Every fill
 * and every accepted price runs the engine's liquidation check, exactly as in production: accounts that
 * fall below maintenance are liquidated, come back with a new deposit and reopen their position, so the
 * number of accounts with positions stays about {@code holders}.
 *
 * <p>One benchmark operation is one engine command (the mix per 20 commands: 1 oracle price post of three
 * sources, 6 maker place-or-cancel, 3 maker amends, 6 taker IOC orders, 4 trigger place-or-cancel; a
 * liquidated holder's re-deposit takes an amend's slot and its reopening IOC a taker's). The state is
 * built once per trial. Applied and refused commands, trades, liquidations and fired triggers are printed
 * as secondary results (per iteration) and as totals at the end of the trial, so a run that measures
 * mostly refusals shows it.
 *
 * <pre>
 * ops/bench/run-w1.sh          # both this and exchange-core in one JMH run (see BENCHMARKS.md)
 * ./mvnw -q -o test-compile exec:exec -Dexec.classpathScope=test \
 *     -Dexec.args="-cp %classpath org.openjdk.jmh.Main RealisticEngineBenchmark -f 1 -wi 3 -i 5 -w 2 -r 2"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RealisticEngineBenchmark {
    private static final String BTC = TradingFloor.BTC;
    private static final int MAKERS = 20;
    private static final int MAKER_ORDERS = 1_000;
    private static final int TRIGGER_ORDERS = 2_000;
    private static final long START_PRICE = 65_000;
    /**
     * The walk stays within 4 % of the start (so never beyond the 10 % a minute that the oracle accepts); one
     * step is at most 0.25 %: volatile enough that high-leverage holders are liquidated within a short run.
     */
    private static final long PRICE_RANGE = START_PRICE / 25;

    private static final long MAX_STEP = START_PRICE / 400;

    private static final long STEP_MILLIS = 10;
    private static final BigDecimal POSITION = new BigDecimal("0.1");
    private static final BigDecimal TAKER_SIZE = new BigDecimal("0.01");
    private static final BigDecimal TRIGGER_SIZE = new BigDecimal("0.01");
    private static final String MIX = "OMATMTGMATGMTMATGMTG";

    @Param({"1000", "10000", "100000"})
    public int holders;

    private Engine engine;
    private long now;
    private long price;
    private long n;
    private final SplittableRandom random = new SplittableRandom(15);
    private String[] makers;
    private String[] holderIds;
    private boolean[] holderLong;
    private BigDecimal[] holderDeposit;
    private boolean[] takerBuysNext;
    private final ArrayDeque<String[]> makerOrders = new ArrayDeque<>();
    private final ArrayDeque<String[]> triggerOrders = new ArrayDeque<>();
    private final ArrayDeque<Integer> toDeposit = new ArrayDeque<>();
    private final ArrayDeque<Integer> toReopen = new ArrayDeque<>();
    private final Map<String, Integer> holderIndex = new HashMap<>();
    private final Counts totals = new Counts();
    private Counts iteration;
    private long references;

    /** What happened, by kind: JMH prints these next to the score (per iteration). */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Counts {
        public long applied;
        public long refused;
        public long trades;
        public long liquidations;
        public long triggersFired;
        public long breakerResumes;
        /** Commands, and the CPU time of the whole process meanwhile (a figure less sensitive to other load). */
        public long ops;

        public long cpuMicros;
        private long cpuStart;
        final Map<String, Long> refusals = new TreeMap<>();

        void add(Kind kind) {
            switch (kind) {
                case APPLIED -> applied++;
                case REFUSED -> refused++;
                case TRADE -> trades++;
                case LIQUIDATION -> liquidations++;
                case TRIGGER_FIRED -> triggersFired++;
                case BREAKER_RESUME -> breakerResumes++;
            }
        }

        @Setup(Level.Iteration)
        public void clear() {
            applied = refused = trades = liquidations = triggersFired = breakerResumes = ops = cpuMicros = 0;
            cpuStart = Cpu.processNanos();
        }
    }

    @Setup(Level.Trial)
    public void build() {
        engine = new Engine();
        now = 1_700_000_000_000L;
        price = START_PRICE;
        check(apply(new CreateMarket(TradingFloor.btc())));
        for (int i = 0; i < 3; i++) {
            check(apply(prices(price)));
        }
        makers = new String[MAKERS];
        for (int m = 0; m < MAKERS; m++) {
            makers[m] = account("maker" + m, new BigDecimal("1000000000"));
        }
        String longWhale = account("whale-long", new BigDecimal("100000000000"));
        String shortWhale = account("whale-short", new BigDecimal("100000000000"));
        holderIds = new String[holders];
        holderLong = new boolean[holders];
        holderDeposit = new BigDecimal[holders];
        takerBuysNext = new boolean[holders];
        BigDecimal notional = POSITION.multiply(BigDecimal.valueOf(START_PRICE));
        for (int h = 0; h < holders; h++) {
            // equity / notional from 2.3 % (liquidated after a move of about 1.3 %) to 32 %, most of them low
            double u = random.nextDouble();
            holderDeposit[h] = notional.multiply(BigDecimal.valueOf(230 + (long) (3000 * u * u)))
                    .movePointLeft(4)
                    .setScale(2, RoundingMode.DOWN);
            holderIds[h] = account("holder" + h, holderDeposit[h]);
            holderLong[h] = (h & 1) == 1;
            takerBuysNext[h] = !holderLong[h];
            holderIndex.put(holderIds[h], h);
        }
        // Positions in sweeps: a block of holders rests orders at the price, one whale order takes them all
        // a tenth of the holders per sweep: each sweep's fills run one liquidation check of every position
        int sweep = Math.max(1_000, holders / 10);
        for (int from = 0; from < holders; from += sweep) {
            int to = Math.min(holders, from + sweep);
            for (boolean longs : new boolean[] {true, false}) {
                int count = 0;
                for (int h = from; h < to; h++) {
                    if (holderLong[h] == longs) {
                        check(apply(
                                limit(holderIds[h], longs ? Side.BUY : Side.SELL, price, POSITION, TimeInForce.GTC)));
                        count++;
                    }
                }
                if (count > 0) {
                    check(apply(limit(
                            longs ? shortWhale : longWhale,
                            longs ? Side.SELL : Side.BUY,
                            price,
                            POSITION.multiply(BigDecimal.valueOf(count)),
                            TimeInForce.IOC)));
                }
            }
        }
        for (int i = 0; i < MAKER_ORDERS; i++) {
            makerPlace();
        }
        for (int i = 0; i < TRIGGER_ORDERS; i++) {
            triggerPlace();
        }
        System.out.printf(
                "%n[W1 realistic, %d holders] built: %d commands, %d trades, refused %d %s%n",
                holders, totals.applied, totals.trades, totals.refused, totals.refusals);
        totals.clear();
        totals.refusals.clear();
    }

    @TearDown(Level.Trial)
    public void report() {
        System.out.printf(
                "%n[W1 realistic, %d holders] trial totals: applied %d, refused %d %s, trades %d, liquidations %d,"
                        + " triggers fired %d, breaker resumes %d, index %d, live maker orders %d, triggers %d%n",
                holders,
                totals.applied,
                totals.refused,
                totals.refusals,
                totals.trades,
                totals.liquidations,
                totals.triggersFired,
                totals.breakerResumes,
                price,
                makerOrders.size(),
                triggerOrders.size());
    }

    @Benchmark
    public Outcome mix(Counts counts) {
        iteration = counts;
        counts.ops++;
        counts.cpuMicros = (Cpu.processNanos() - counts.cpuStart) / 1_000;
        char op = MIX.charAt((int) (n++ % MIX.length()));
        return switch (op) {
            case 'O' -> oracle();
            case 'M' -> makerOrders.size() < MAKER_ORDERS ? makerPlace() : makerCancel();
            case 'A' -> toDeposit.isEmpty() ? makerAmend() : redeposit();
            case 'T' -> toReopen.isEmpty() ? take() : reopen();
            case 'G' -> triggerOrders.size() < TRIGGER_ORDERS ? triggerPlace() : triggerCancel();
            default -> throw new IllegalStateException("op " + op);
        };
    }

    /** The index walks by up to 0.25 % per post, reflected at 4 % from the start; three sources agree. */
    private Outcome oracle() {
        long step = random.nextLong(-MAX_STEP, MAX_STEP + 1);
        long next = price + step;
        if (Math.abs(next - START_PRICE) > PRICE_RANGE) {
            next = price - step;
        }
        price = next;
        return apply(prices(price));
    }

    private PostOraclePrices prices(long p) {
        String text = Long.toString(p);
        return new PostOraclePrices(List.of(
                new PostOraclePrices.Quote(BTC, "a", text, now + STEP_MILLIS),
                new PostOraclePrices.Quote(BTC, "b", text, now + STEP_MILLIS),
                new PostOraclePrices.Quote(BTC, "c", text, now + STEP_MILLIS)));
    }

    /** A maker quote 1 to 40 USD (in steps of 0.5) from the index, 0.01 to 0.05 BTC. */
    private Outcome makerPlace() {
        String maker = makers[random.nextInt(MAKERS)];
        Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
        BigDecimal offset = BigDecimal.valueOf(2 + random.nextInt(79), 1).multiply(BigDecimal.valueOf(5));
        BigDecimal at = side == Side.BUY
                ? BigDecimal.valueOf(price).subtract(offset)
                : BigDecimal.valueOf(price).add(offset);
        Outcome outcome = apply(new PlaceOrder(
                maker,
                BTC,
                side,
                OrderType.LIMIT,
                TimeInForce.GTC,
                at,
                null,
                BigDecimal.valueOf(1 + random.nextInt(5), 2),
                false,
                ""));
        String id = placedId(outcome);
        if (id != null) {
            makerOrders.addLast(new String[] {maker, id});
        }
        return outcome;
    }

    private Outcome makerCancel() {
        String[] order = makerOrders.pollFirst();
        return apply(new CancelOrder(order[0], order[1]));
    }

    /** The newest maker order shrinks to 0.01 (keeps its place in the queue). */
    private Outcome makerAmend() {
        String[] order = makerOrders.peekLast();
        return apply(new AmendOrder(order[0], order[1], null, new BigDecimal("0.01")));
    }

    /** A holder crosses the spread with an IOC of 0.01, alternately buying and selling (position unchanged). */
    private Outcome take() {
        int h = random.nextInt(holders);
        boolean buy = takerBuysNext[h];
        Outcome outcome = apply(limit(
                holderIds[h],
                buy ? Side.BUY : Side.SELL,
                buy ? price + price / 200 : price - price / 200,
                TAKER_SIZE,
                TimeInForce.IOC));
        if (outcome instanceof Outcome.Applied) {
            takerBuysNext[h] = !buy;
        }
        return outcome;
    }

    /** A stop-loss or take-profit, reduce-only, 2 to 4 % from the index on the holder's closing side. */
    private Outcome triggerPlace() {
        int h = random.nextInt(holders);
        boolean stop = random.nextBoolean();
        long distance = price * (2 + random.nextInt(3)) / 100;
        boolean isLong = holderLong[h];
        // a long's stop is below, its take-profit above; a short's the other way round
        long trigger = isLong == stop ? price - distance : price + distance;
        OrderType type = stop ? OrderType.STOP_MARKET : OrderType.TAKE_PROFIT_MARKET;
        Outcome outcome = apply(new PlaceOrder(
                holderIds[h],
                BTC,
                isLong ? Side.SELL : Side.BUY,
                type,
                TimeInForce.GTC,
                null,
                BigDecimal.valueOf(trigger),
                TRIGGER_SIZE,
                true,
                ""));
        String id = placedId(outcome);
        if (id != null) {
            triggerOrders.addLast(new String[] {holderIds[h], id});
        }
        return outcome;
    }

    private Outcome triggerCancel() {
        String[] order = triggerOrders.pollFirst();
        return apply(new CancelOrder(order[0], order[1]));
    }

    /** A liquidated holder deposits its original collateral again. */
    private Outcome redeposit() {
        int h = toDeposit.pollFirst();
        Outcome outcome = apply(new Deposit(holderIds[h], holderDeposit[h], "re-" + (++references)));
        toReopen.addLast(h);
        return outcome;
    }

    /** ... and reopens its position against the makers. */
    private Outcome reopen() {
        int h = toReopen.pollFirst();
        boolean buy = holderLong[h];
        return apply(limit(
                holderIds[h],
                buy ? Side.BUY : Side.SELL,
                buy ? price + price / 100 : price - price / 100,
                POSITION,
                TimeInForce.IOC));
    }

    private static PlaceOrder limit(String account, Side side, long at, BigDecimal size, TimeInForce tif) {
        return new PlaceOrder(account, BTC, side, OrderType.LIMIT, tif, BigDecimal.valueOf(at), null, size, false, "");
    }

    private String account(String name, BigDecimal deposit) {
        Outcome created = check(apply(new CreateAccount(name, "k-" + name, "h-" + name)));
        String id = ((AccountCreated) ((Outcome.Applied) created).events().getFirst()).accountId();
        check(apply(new Deposit(id, deposit, "d-" + name)));
        return id;
    }

    private static String placedId(Outcome outcome) {
        if (outcome instanceof Outcome.Applied applied) {
            for (Event e : applied.events()) {
                if (e instanceof OrderPlaced placed && placed.order().status().isLive()) {
                    return placed.order().orderId();
                }
            }
        }
        return null;
    }

    /** Applies one command one engine step later and counts what it did (in the trial and the iteration). */
    private Outcome apply(Command command) {
        now += STEP_MILLIS;
        Outcome outcome = engine.apply(command, now);
        if (outcome instanceof Outcome.Applied applied) {
            count(Kind.APPLIED);
            boolean paused = false;
            for (Event e : applied.events()) {
                switch (e) {
                    case Traded t -> count(Kind.TRADE);
                    case Liquidated l -> {
                        count(Kind.LIQUIDATION);
                        Integer h = holderIndex.get(l.accountId());
                        if (h != null) {
                            toDeposit.addLast(h);
                        }
                    }
                    case OrderUpdated u
                    when u.order().triggerPrice() != null
                            && u.order().status() != OrderStatus.UNTRIGGERED
                            && u.order().status() != OrderStatus.CANCELLED -> count(Kind.TRIGGER_FIRED);
                    case LiquidationsPaused p -> paused = true;
                    default -> {}
                }
            }
            if (paused) {
                // the breaker (10 liquidations a minute) paused them: the operator resumes, as one would here
                count(Kind.BREAKER_RESUME);
                check(engine.apply(new ResumeLiquidations("bench-operator", BTC), now));
            }
        } else if (outcome instanceof Outcome.Rejected rejected) {
            count(Kind.REFUSED);
            totals.refusals.merge(
                    command.getClass().getSimpleName() + ":"
                            + rejected.rejection().code(),
                    1L,
                    Long::sum);
        }
        return outcome;
    }

    private enum Kind {
        APPLIED,
        REFUSED,
        TRADE,
        LIQUIDATION,
        TRIGGER_FIRED,
        BREAKER_RESUME
    }

    private void count(Kind kind) {
        totals.add(kind);
        if (iteration != null) {
            iteration.add(kind);
        }
    }

    private static Outcome check(Outcome outcome) {
        if (!(outcome instanceof Outcome.Applied)) {
            throw new IllegalStateException("setup command refused: " + outcome);
        }
        return outcome;
    }
}
