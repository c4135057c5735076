package io.bulwark.bench;

import io.bulwark.engine.Engine;
import io.bulwark.engine.TradingFloor;
import io.bulwark.engine.command.AmendOrder;
import io.bulwark.engine.command.CancelOrder;
import io.bulwark.engine.command.CreateAccount;
import io.bulwark.engine.command.CreateMarket;
import io.bulwark.engine.command.Deposit;
import io.bulwark.engine.command.PlaceOrder;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.order.OrderType;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.order.TimeInForce;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * W1 engine throughput: one thread applies a place / amend / cancel mix to a BTC book holding about
 * 1,000 resting orders from 100 accounts; every place and amend runs the full cross-margin check.
 *
 * <pre>
 * ./mvnw -q test-compile exec:exec -Dexec.classpathScope=test \
 *     -Dexec.args="-cp %classpath org.openjdk.jmh.Main EngineBenchmark -f 1 -wi 3 -i 5"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EngineBenchmark {
    private static final String BTC = "BTC-USD-PERP";
    private static final int ACCOUNTS = 100;
    private static final int RESTING = 1_000;

    private Engine engine;
    private final ArrayDeque<String> ours = new ArrayDeque<>();
    private long now;
    private long n;

    @Setup(Level.Iteration)
    public void setUp() {
        engine = new Engine();
        ours.clear();
        now = 1;
        engine.apply(new CreateMarket(TradingFloor.btc()), now++);
        for (int a = 1; a <= ACCOUNTS; a++) {
            engine.apply(new CreateAccount("a" + a, "k" + a, "h" + a), now++);
            engine.apply(new Deposit(Integer.toString(a), new BigDecimal("10000000"), "d" + a), now++);
        }
        for (int i = 0; i < RESTING; i++) {
            place(i);
        }
    }

    /** Bids from 64,000 down, asks from 66,000 up, spread over 200 price levels per side: nothing crosses. */
    private void place(long i) {
        Side side = (i & 1) == 0 ? Side.BUY : Side.SELL;
        long offset = (i * 7919) % 200;
        BigDecimal price = side == Side.BUY
                ? BigDecimal.valueOf(640_000 - offset * 10, 1)
                : BigDecimal.valueOf(660_000 + offset * 10, 1);
        String account = Long.toString(1 + (i % ACCOUNTS));
        Outcome outcome = engine.apply(
                new PlaceOrder(
                        account,
                        BTC,
                        side,
                        OrderType.LIMIT,
                        TimeInForce.GTC,
                        price,
                        null,
                        BigDecimal.valueOf(1 + i % 50, 3),
                        false,
                        ""),
                now++);
        ours.addLast(account + ":" + ((Outcome.Applied) outcome).sequence());
    }

    @Benchmark
    @OperationsPerInvocation(3)
    public Object placeAmendCancel() {
        long i = RESTING + n++;
        place(i);
        String newest = ours.peekLast();
        int split = newest.indexOf(':');
        engine.apply(
                new AmendOrder(newest.substring(0, split), newest.substring(split + 1), null, new BigDecimal("0.001")),
                now++);
        String oldest = ours.pollFirst();
        split = oldest.indexOf(':');
        return engine.apply(new CancelOrder(oldest.substring(0, split), oldest.substring(split + 1)), now++);
    }
}
