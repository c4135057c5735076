package io.bulwark.bench;

import io.bulwark.engine.Engine;
import io.bulwark.engine.EngineVariants;
import io.bulwark.engine.TradingFloor;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.command.CreateAccount;
import io.bulwark.engine.command.CreateMarket;
import io.bulwark.engine.command.Deposit;
import io.bulwark.engine.command.PlaceOrder;
import io.bulwark.engine.command.PostOraclePrices;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.market.MarketPatch;
import io.bulwark.engine.order.OrderType;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.order.TimeInForce;
import java.math.BigDecimal;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The liquidation check's cost against the number of accounts holding positions (issue 15): {@code accounts}
 * traders each hold 0.01 BTC, long or short, with 20 to 118 USD of collateral (liquidation prices spread
 * over about ±15 %); one operation is an oracle price move (a walk of ±0.3 % around 65,000 that
 * liquidates no one) and one fill between two of the traders, each followed by a liquidation check. The
 * market charges no trading fees, so no trader's collateral drains however long the run (before, the
 * 1,000-account run had an order refused for margin within a minute).
 * {@code check=index} is the indexed check, {@code check=scan} the full scan every account used to get.
 *
 * <pre>
 * ./mvnw -q -o test-compile exec:exec -Dexec.classpathScope=test \
 *     -Dexec.args="-cp %classpath org.openjdk.jmh.Main LiquidationCheckBenchmark -prof gc"
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class LiquidationCheckBenchmark {
    private static final String BTC = "BTC-USD-PERP";
    private static final MarketPatch NO_FEES =
            MarketPatch.NONE.withMakerFee(BigDecimal.ZERO).withTakerFee(BigDecimal.ZERO);

    @Param({"1000", "10000", "100000"})
    public int accounts;

    @Param({"index", "scan"})
    public String check;

    private Engine engine;
    private long now;
    private long n;

    @Setup(Level.Trial)
    public void setUp() {
        Engine build = new Engine();
        now = 1_700_000_000_000L;
        // no trading fees: the fills of a long run would otherwise drain the smallest collaterals (20 USD)
        // below the initial margin of their next add (at 1,000 accounts, each pair trades every 500 rounds)
        apply(build, new CreateMarket(TradingFloor.btc().with(NO_FEES)));
        apply(build, prices(65_000));
        for (String mm : List.of("mm-bid", "mm-ask")) {
            String id = created(build, mm);
            apply(build, new Deposit(id, new BigDecimal("100000000"), "d-" + mm));
        }
        // account ids are 1 and 2 for the two market makers: each rests the other side of every trader's fill
        BigDecimal size = new BigDecimal("0.01").multiply(BigDecimal.valueOf(accounts));
        apply(build, order("1", Side.BUY, "64990", size, TimeInForce.GTC));
        apply(build, order("2", Side.SELL, "65010", size, TimeInForce.GTC));
        for (int a = 0; a < accounts; a++) {
            String id = created(build, "t" + a);
            if (!id.equals(Integer.toString(3 + a))) {
                throw new IllegalStateException("trader " + a + " got id " + id);
            }
            apply(build, new Deposit(id, BigDecimal.valueOf(20 + 2L * (a % 50)), "d" + a));
            boolean buys = a % 2 == 0;
            apply(
                    build,
                    order(
                            id,
                            buys ? Side.BUY : Side.SELL,
                            buys ? "65010" : "64990",
                            new BigDecimal("0.01"),
                            TimeInForce.IOC));
        }
        byte[] snapshot = build.serialize();
        engine = check.equals("scan")
                ? EngineVariants.restoreWithFullLiquidationScan(snapshot)
                : Engine.restore(snapshot);
    }

    /** A price move and a fill between two traders, each followed by the liquidation check. */
    @Benchmark
    public Object priceMoveAndFill() {
        long i = n++;
        apply(engine, prices(65_000 + ((i * 37) % 400) - 200));
        long pairs = accounts / 2;
        long pair = i % pairs;
        // a long (maker) and a short (taker) trader both reduce by 0.001 on even rounds and add it back on odd ones
        Side longSide = (i / pairs) % 2 == 0 ? Side.SELL : Side.BUY;
        apply(engine, order(Long.toString(3 + 2 * pair), longSide, "65000", new BigDecimal("0.001"), TimeInForce.GTC));
        return apply(
                engine,
                order(
                        Long.toString(4 + 2 * pair),
                        longSide.opposite(),
                        "65000",
                        new BigDecimal("0.001"),
                        TimeInForce.IOC));
    }

    private String created(Engine e, String name) {
        Outcome.Applied a = (Outcome.Applied) apply(e, new CreateAccount(name, "k-" + name, "h-" + name));
        return ((io.bulwark.engine.event.AccountCreated) a.events().getFirst()).accountId();
    }

    private Outcome apply(Engine e, Command c) {
        now += 1;
        Outcome outcome = e.apply(c, now);
        if (!(outcome instanceof Outcome.Applied)) {
            throw new IllegalStateException(c + " -> " + outcome);
        }
        return outcome;
    }

    private PostOraclePrices prices(long price) {
        String p = Long.toString(price);
        return new PostOraclePrices(List.of(
                new PostOraclePrices.Quote(BTC, "a", p, now),
                new PostOraclePrices.Quote(BTC, "b", p, now),
                new PostOraclePrices.Quote(BTC, "c", p, now)));
    }

    private static PlaceOrder order(String account, Side side, String price, BigDecimal size, TimeInForce tif) {
        return new PlaceOrder(account, BTC, side, OrderType.LIMIT, tif, new BigDecimal(price), null, size, false, "");
    }
}
