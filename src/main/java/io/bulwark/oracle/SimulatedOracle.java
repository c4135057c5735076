package io.bulwark.oracle;

import io.bulwark.engine.EngineView;
import io.bulwark.engine.command.PostOraclePrices;
import io.bulwark.engine.market.MarketSpec;
import io.bulwark.journal.EngineGateway;
import io.bulwark.journal.NodeStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The demo feed: each market's price takes a bounded random walk, quoted by three simulated sources
 * with a little noise, through the same engine validation as a real oracle. Runs on the writer only;
 * randomness lives here, never in the engine (which only sees the resulting commands).
 */
class SimulatedOracle implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(SimulatedOracle.class);
    private static final List<String> SOURCES = List.of("sim-a", "sim-b", "sim-c");
    private static final BigDecimal BPS = BigDecimal.valueOf(10_000);

    private final EngineGateway gateway;
    private final SimulatedOracleProperties properties;
    private final Map<String, BigDecimal> walk = new HashMap<>();
    private ScheduledExecutorService clock;

    SimulatedOracle(EngineGateway gateway, SimulatedOracleProperties properties) {
        this.gateway = gateway;
        this.properties = properties;
    }

    void step() {
        if (gateway.nodeStatus().role() != NodeStatus.Role.WRITER) {
            return;
        }
        try {
            List<EngineView.MarketView> markets = gateway.query(EngineView::markets);
            long now = System.currentTimeMillis();
            List<PostOraclePrices.Quote> quotes = new ArrayList<>();
            for (EngineView.MarketView m : markets) {
                MarketSpec spec = m.spec();
                BigDecimal price = next(spec, m.indexPrice());
                if (price == null) {
                    continue;
                }
                for (String source : SOURCES) {
                    quotes.add(new PostOraclePrices.Quote(
                            spec.market(), source, noisy(price, spec).toPlainString(), now));
                }
            }
            if (!quotes.isEmpty()) {
                gateway.submit(new PostOraclePrices(quotes), "system:simulated-oracle");
            }
        } catch (RuntimeException e) {
            log.debug("Simulated prices not posted: {}", e.getMessage());
        }
    }

    /** The walk's next price for a market, on its tick; null when the market has no starting price. */
    private BigDecimal next(MarketSpec spec, BigDecimal index) {
        BigDecimal current = walk.computeIfAbsent(
                spec.market(), k -> properties.startPrices().getOrDefault(k, index));
        if (current == null) {
            return null;
        }
        int bps = ThreadLocalRandom.current().nextInt(-properties.maxStepBps(), properties.maxStepBps() + 1);
        BigDecimal moved =
                onTick(current.add(current.multiply(BigDecimal.valueOf(bps)).divide(BPS)), spec);
        walk.put(spec.market(), moved);
        return moved;
    }

    private static BigDecimal noisy(BigDecimal price, MarketSpec spec) {
        int ticks = ThreadLocalRandom.current().nextInt(-2, 3);
        return onTick(price.add(spec.tickSize().multiply(BigDecimal.valueOf(ticks))), spec);
    }

    private static BigDecimal onTick(BigDecimal price, MarketSpec spec) {
        BigDecimal ticks =
                price.divide(spec.tickSize(), 0, RoundingMode.HALF_EVEN).max(BigDecimal.ONE);
        return ticks.multiply(spec.tickSize()).stripTrailingZeros();
    }

    @Override
    public void start() {
        long period = properties.interval().toMillis();
        clock = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("bulwark-simulated-oracle").daemon().factory());
        clock.scheduleWithFixedDelay(this::step, period, period, TimeUnit.MILLISECONDS);
        log.info(
                "Simulated oracle on: three sources per market every {} ms (BULWARK_ORACLE_SIMULATED=false turns it off)",
                period);
    }

    @Override
    public void stop() {
        if (clock != null) {
            clock.shutdownNow();
            clock = null;
        }
    }

    @Override
    public boolean isRunning() {
        return clock != null;
    }
}
