package io.bulwark.bench;

import exchange.core2.core.ExchangeApi;
import exchange.core2.core.ExchangeCore;
import exchange.core2.core.common.CoreSymbolSpecification;
import exchange.core2.core.common.CoreWaitStrategy;
import exchange.core2.core.common.MatcherEventType;
import exchange.core2.core.common.MatcherTradeEvent;
import exchange.core2.core.common.OrderAction;
import exchange.core2.core.common.OrderType;
import exchange.core2.core.common.SymbolType;
import exchange.core2.core.common.api.ApiAddUser;
import exchange.core2.core.common.api.ApiAdjustUserBalance;
import exchange.core2.core.common.api.ApiCancelOrder;
import exchange.core2.core.common.api.ApiCommand;
import exchange.core2.core.common.api.ApiMoveOrder;
import exchange.core2.core.common.api.ApiNop;
import exchange.core2.core.common.api.ApiPlaceOrder;
import exchange.core2.core.common.api.binary.BatchAddSymbolsCommand;
import exchange.core2.core.common.cmd.CommandResultCode;
import exchange.core2.core.common.cmd.OrderCommand;
import exchange.core2.core.common.cmd.OrderCommandType;
import exchange.core2.core.common.config.ExchangeConfiguration;
import exchange.core2.core.common.config.InitialStateConfiguration;
import exchange.core2.core.common.config.LoggingConfiguration;
import exchange.core2.core.common.config.OrdersProcessingConfiguration;
import exchange.core2.core.common.config.PerformanceConfiguration;
import exchange.core2.core.common.config.ReportsQueriesConfiguration;
import exchange.core2.core.common.config.SerializationConfiguration;
import exchange.core2.core.orderbook.OrderBookDirectImpl;
import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.EnumSet;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.LoggerFactory;

/**
 * The anchor of W1 realistic (issue 15): exchange-core 0.5.3's margin pipeline (a FUTURES_CONTRACT symbol,
 * risk engine pre- and post-processing, one matching engine) driven with the workload of
 * {@link RealisticEngineBenchmark} as far as exchange-core has the features: {@code holders} users hold
 * positions of 10 lots (half long, half short, built by sweeps as there), 20 makers quote 1 to 5 lots 1 to
 * 40 price units around a walking price, holders take liquidity with IOC orders of 1 lot that fill, and
 * orders rest 2 to 4 % away on the holders' closing side. exchange-core has no oracle, no trigger orders
 * and no liquidations, so: an oracle post becomes a maker re-quote ({@code ApiMoveOrder} of the oldest
 * maker order to the walked price), an amend a move of the newest maker order, a stop or take-profit a
 * resting GTC limit order at its trigger price; re-deposits and reopenings do not occur (nobody is liquidated).
 *
 * <p>Built only with {@code -Pbench} (src/bench/java; exchange-core is not on the normal classpath).
 * exchange-core is asynchronous: one invocation submits {@value #BATCH} commands and waits until the results
 * handler has seen all of them, so a score is commands completed per second (one JMH operation = one
 * command). Configured for this 2-core machine: one matching engine, one risk engine, blocking waits, a
 * 16K ring buffer, no journaling (the engine alone, as W1). Applied and refused commands and trades are
 * secondary results.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// chronicle-bytes (exchange-core's binary commands) reaches into JDK internals
@Fork(
        value = 1,
        jvmArgsAppend = {
            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--enable-native-access=ALL-UNNAMED"
        })
public class ExchangeCoreBenchmark {
    private static final int BATCH = 10_000;
    private static final int SYMBOL = 1;
    private static final int USD = 840;
    private static final int BTC = 1;
    private static final int MAKERS = 20;
    private static final int MAKER_ORDERS = 1_000;
    private static final int RESTING_ORDERS = 2_000;
    private static final long START_PRICE = 65_000;
    private static final long PRICE_RANGE = START_PRICE / 25;
    private static final long MAX_STEP = START_PRICE / 400;
    private static final long POSITION = 10;
    private static final long HOLDER_BASE = 1_000;
    private static final String MIX = "OMATMTGMATGMTMATGMTG";

    @Param({"1000", "10000", "100000"})
    public int holders;

    private ExchangeCore core;
    private ExchangeApi api;
    private final SplittableRandom random = new SplittableRandom(15);
    private long price;
    private long n;
    private long nextOrderId = 1;
    private long nextTransaction = 1;
    private boolean[] holderLong;
    private boolean[] takerBuysNext;
    /** uid, order id, price: the makers' and the holders' resting orders, oldest first. */
    private final ArrayDeque<long[]> makerOrders = new ArrayDeque<>();

    private final ArrayDeque<long[]> restingOrders = new ArrayDeque<>();
    /** Order commands submitted, and those the results handler has seen (its thread writes). */
    private long submitted;

    private final AtomicLong completed = new AtomicLong();
    /** Written on the results thread only, read after {@link #awaitCompleted} (the counter orders them). */
    private final Map<String, Long> codes = new TreeMap<>();

    private long succeeded;
    private long trades;

    /** What happened, per iteration: JMH prints these next to the score. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Counts {
        public long applied;
        public long refused;
        public long trades;
        /** Commands, and the CPU time of the whole process (every exchange-core thread) meanwhile. */
        public long ops;

        public long cpuMicros;
        private long cpuStart;

        @Setup(Level.Iteration)
        public void clear() {
            applied = refused = trades = ops = cpuMicros = 0;
            cpuStart = processCpuNanos();
        }
    }

    @Setup(Level.Trial)
    public void build() throws Exception {
        PerformanceConfiguration performance = PerformanceConfiguration.baseBuilder()
                .ringBufferSize(16 * 1024)
                .matchingEnginesNum(1)
                .riskEnginesNum(1)
                .msgsInGroupLimit(2_048)
                .maxGroupDurationNs(4_000_000)
                .waitStrategy(CoreWaitStrategy.BLOCKING)
                .orderBookFactory(OrderBookDirectImpl::new)
                .build();
        ExchangeConfiguration configuration = ExchangeConfiguration.defaultBuilder()
                .initStateCfg(InitialStateConfiguration.cleanStart("W1BENCH"))
                .performanceCfg(performance)
                .reportsQueriesCfg(ReportsQueriesConfiguration.DEFAULT)
                .ordersProcessingCfg(OrdersProcessingConfiguration.DEFAULT)
                // no warning per refused order (its default logs each one): Bulwark's engine logs nothing either
                .loggingCfg(LoggingConfiguration.builder()
                        .loggingLevels(EnumSet.noneOf(LoggingConfiguration.LoggingLevel.class))
                        .build())
                .serializationCfg(SerializationConfiguration.DEFAULT)
                .build();
        core = ExchangeCore.builder()
                .resultsConsumer(this::onResult)
                .exchangeConfiguration(configuration)
                .build();
        // exchange-core warns (two log lines, unconditionally) for every order refused for margin
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("exchange.core2"))
                .setLevel(ch.qos.logback.classic.Level.ERROR);
        core.startup();
        api = core.getApi();
        price = START_PRICE;
        CoreSymbolSpecification futures = CoreSymbolSpecification.builder()
                .symbolId(SYMBOL)
                .type(SymbolType.FUTURES_CONTRACT)
                .baseCurrency(BTC)
                .quoteCurrency(USD)
                .baseScaleK(1)
                .quoteScaleK(1)
                .makerFee(2)
                .takerFee(5)
                .marginBuy(START_PRICE / 50)
                .marginSell(START_PRICE / 50)
                .build();
        expect(api.submitBinaryDataAsync(new BatchAddSymbolsCommand(futures)).get(), "add symbol");
        for (int m = 1; m <= MAKERS; m++) {
            user(m, 10_000_000_000L);
        }
        user(MAKERS + 1, 1_000_000_000_000L);
        user(MAKERS + 2, 1_000_000_000_000L);
        holderLong = new boolean[holders];
        takerBuysNext = new boolean[holders];
        long notional = POSITION * START_PRICE;
        for (int h = 0; h < holders; h++) {
            double u = random.nextDouble();
            user(HOLDER_BASE + h, notional * (230 + (long) (3000 * u * u)) / 10_000);
            holderLong[h] = (h & 1) == 1;
            takerBuysNext[h] = !holderLong[h];
        }
        sync();
        // a tenth of the holders per sweep: each sweep's fills run one liquidation check of every position
        int sweep = Math.max(1_000, holders / 10);
        for (int from = 0; from < holders; from += sweep) {
            int to = Math.min(holders, from + sweep);
            for (boolean longs : new boolean[] {true, false}) {
                long count = 0;
                for (int h = from; h < to; h++) {
                    if (holderLong[h] == longs) {
                        place(HOLDER_BASE + h, longs ? OrderAction.BID : OrderAction.ASK, price, POSITION, OrderType.GTC);
                        count++;
                    }
                }
                if (count > 0) {
                    place(
                            longs ? MAKERS + 2 : MAKERS + 1,
                            longs ? OrderAction.ASK : OrderAction.BID,
                            price,
                            POSITION * count,
                            OrderType.IOC);
                }
            }
            sync();
        }
        for (int i = 0; i < MAKER_ORDERS; i++) {
            makerPlace();
        }
        for (int i = 0; i < RESTING_ORDERS; i++) {
            restingPlace();
        }
        sync();
        awaitCompleted();
        System.out.printf(
                "%n[exchange-core, %d holders] built: %d order commands %s, %d trades%n",
                holders, completed.get(), codes, trades);
        codes.clear();
        succeeded = 0;
        trades = 0;
    }

    @TearDown(Level.Trial)
    public void shutdown() {
        System.out.printf(
                "%n[exchange-core, %d holders] trial totals: %d order commands %s, %d trades, price %d%n",
                holders, completed.get(), codes, trades, price);
        core.shutdown(3_000, TimeUnit.MILLISECONDS);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long mix(Counts counts) {
        long applied0 = succeeded;
        long trades0 = trades;
        long all0 = completed.get();
        for (int i = 0; i < BATCH; i++) {
            char op = MIX.charAt((int) (n++ % MIX.length()));
            switch (op) {
                case 'O' -> requote();
                case 'M' -> {
                    if (makerOrders.size() < MAKER_ORDERS) {
                        makerPlace();
                    } else {
                        cancel(makerOrders.pollFirst());
                    }
                }
                case 'A' -> move(makerOrders.peekLast(), 1);
                case 'T' -> take();
                case 'G' -> {
                    if (restingOrders.size() < RESTING_ORDERS) {
                        restingPlace();
                    } else {
                        cancel(restingOrders.pollFirst());
                    }
                }
                default -> throw new IllegalStateException("op " + op);
            }
        }
        awaitCompleted();
        long all = completed.get();
        counts.applied += succeeded - applied0;
        counts.refused += (all - all0) - (succeeded - applied0);
        counts.trades += trades - trades0;
        counts.ops += BATCH;
        counts.cpuMicros = (processCpuNanos() - counts.cpuStart) / 1_000;
        return all;
    }

    /** The price walks as in {@link RealisticEngineBenchmark}; the oldest maker quote follows it. */
    private void requote() {
        long step = random.nextLong(-MAX_STEP, MAX_STEP + 1);
        long next = price + step;
        if (Math.abs(next - START_PRICE) > PRICE_RANGE) {
            next = price - step;
        }
        price = next;
        long[] oldest = makerOrders.pollFirst();
        long offset = 1 + random.nextInt(40);
        boolean bid = oldest[2] < 0;
        long to = bid ? price - offset : price + offset;
        submit(ApiMoveOrder.builder()
                .uid(oldest[0])
                .orderId(oldest[1])
                .newPrice(to)
                .symbol(SYMBOL)
                .build());
        makerOrders.addLast(new long[] {oldest[0], oldest[1], bid ? -to : to});
    }

    private void makerPlace() {
        long maker = 1 + random.nextInt(MAKERS);
        boolean bid = random.nextBoolean();
        long offset = 1 + random.nextInt(40);
        long at = bid ? price - offset : price + offset;
        long id = place(maker, bid ? OrderAction.BID : OrderAction.ASK, at, 1 + random.nextInt(5), OrderType.GTC);
        makerOrders.addLast(new long[] {maker, id, bid ? -at : at});
    }

    /** Moves an order one price unit away from the spread. */
    private void move(long[] order, long by) {
        long at = Math.abs(order[2]) + (order[2] < 0 ? -by : by);
        order[2] = order[2] < 0 ? -at : at;
        submit(ApiMoveOrder.builder()
                .uid(order[0])
                .orderId(order[1])
                .newPrice(at)
                .symbol(SYMBOL)
                .build());
    }

    private void take() {
        int h = random.nextInt(holders);
        boolean buy = takerBuysNext[h];
        place(
                HOLDER_BASE + h,
                buy ? OrderAction.BID : OrderAction.ASK,
                buy ? price + price / 200 : price - price / 200,
                1,
                OrderType.IOC);
        takerBuysNext[h] = !buy;
    }

    /** Where a stop or take-profit would rest: 2 to 4 % away, on the holder's closing side. */
    private void restingPlace() {
        int h = random.nextInt(holders);
        boolean isLong = holderLong[h];
        long distance = price * (2 + random.nextInt(3)) / 100;
        // a closing limit rests only beyond the spread: a long sells above, a short buys below
        long at = isLong ? price + distance : price - distance;
        long id = place(HOLDER_BASE + h, isLong ? OrderAction.ASK : OrderAction.BID, at, 1, OrderType.GTC);
        restingOrders.addLast(new long[] {HOLDER_BASE + h, id, isLong ? at : -at});
    }

    private void cancel(long[] order) {
        submit(ApiCancelOrder.builder()
                .uid(order[0])
                .orderId(order[1])
                .symbol(SYMBOL)
                .build());
    }

    private long place(long uid, OrderAction action, long at, long size, OrderType type) {
        long id = nextOrderId++;
        submit(ApiPlaceOrder.builder()
                .uid(uid)
                .orderId(id)
                .price(at)
                .reservePrice(at)
                .size(size)
                .action(action)
                .orderType(type)
                .symbol(SYMBOL)
                .build());
        return id;
    }

    private void submit(ApiCommand command) {
        submitted++;
        api.submitCommand(command);
    }

    private void user(long uid, long deposit) {
        api.submitCommand(ApiAddUser.builder().uid(uid).build());
        api.submitCommand(ApiAdjustUserBalance.builder()
                .uid(uid)
                .currency(USD)
                .amount(deposit)
                .transactionId(nextTransaction++)
                .build());
    }

    private void sync() throws Exception {
        expect(api.submitCommandAsync(ApiNop.builder().build()).get(), "nop");
    }

    private void awaitCompleted() {
        while (completed.get() < submitted) {
            LockSupport.parkNanos(20_000);
        }
    }

    /** On exchange-core's results thread: counts the order commands and their trades. */
    private void onResult(OrderCommand cmd, long sequence) {
        OrderCommandType type = cmd.command;
        if (type != OrderCommandType.PLACE_ORDER
                && type != OrderCommandType.CANCEL_ORDER
                && type != OrderCommandType.MOVE_ORDER) {
            return;
        }
        long fills = 0;
        for (MatcherTradeEvent e = cmd.matcherEvent; e != null; e = e.nextEvent) {
            if (e.eventType == MatcherEventType.TRADE) {
                fills++;
            }
        }
        codes.merge(type + ":" + cmd.resultCode, 1L, Long::sum);
        if (cmd.resultCode == CommandResultCode.SUCCESS) {
            succeeded++;
        }
        trades += fills;
        completed.incrementAndGet();
    }

    /** CPU time of this process (inline, not {@link Cpu}: this class runs on a JDK 17 fork, test-classes are 21). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static void expect(CommandResultCode code, String what) {
        if (code != CommandResultCode.SUCCESS) {
            throw new IllegalStateException(what + ": " + code);
        }
    }
}
