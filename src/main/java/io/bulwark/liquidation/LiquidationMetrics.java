package io.bulwark.liquidation;

import io.bulwark.engine.EngineView;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.Liquidated;
import io.bulwark.engine.event.LiquidationsPaused;
import io.bulwark.engine.event.LiquidationsResumed;
import io.bulwark.engine.event.MarketCreated;
import io.bulwark.journal.Committed;
import io.bulwark.journal.EngineGateway;
import io.bulwark.journal.JournalListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Liquidation metrics from committed events: {@code bulwark_liquidations_total{market,deleveraged}},
 * {@code bulwark_liquidation_breaker_trips_total{market}}, the gauge {@code bulwark_liquidations_paused} (1
 * while the breaker holds liquidations in any market) and {@code bulwark_market_liquidations_paused{market}}
 * (1 while it holds them in that market), taken from the engine after each recovery and then kept from
 * events. Every market's series exist at 0 from its creation (or the recovery that found it).
 */
@Component
class LiquidationMetrics implements JournalListener {
    /** The tag of a trip recorded while the breaker was exchange-wide (old journal rows). */
    private static final String EXCHANGE_WIDE = "*";

    private final MeterRegistry registry;
    private final AtomicInteger anyPaused = new AtomicInteger();
    private final Map<String, AtomicInteger> pausedByMarket = new ConcurrentHashMap<>();

    LiquidationMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("bulwark.liquidations.paused", anyPaused, AtomicInteger::get)
                .description("1 while the circuit breaker holds liquidations and triggers in any market")
                .register(registry);
    }

    @Override
    public void onCommitted(List<Committed> batch) {
        for (Committed c : batch) {
            for (Event event : c.events()) {
                switch (event) {
                    case MarketCreated m -> known(m.spec().market());
                    case Liquidated l ->
                        liquidations(l.market(), l.deleveraged()).increment();
                    case LiquidationsPaused p -> {
                        String market = p.market() == null ? EXCHANGE_WIDE : p.market();
                        trips(market).increment();
                        paused(market).set(1);
                    }
                    case LiquidationsResumed r -> {
                        if (r.market() == null) {
                            pausedByMarket.values().forEach(g -> g.set(0));
                        } else {
                            paused(r.market()).set(0);
                        }
                    }
                    default -> {}
                }
            }
        }
        refreshAny();
    }

    @Override
    public void onRecovered(EngineGateway gateway) {
        gateway.publicView().markets().forEach(m -> known(m.spec().market()));
        Set<String> paused = gateway.query(
                (EngineView view) -> view.status().liquidationsPausedMarkets().keySet());
        pausedByMarket.values().forEach(g -> g.set(0));
        paused.forEach(m -> paused(m).set(1));
        refreshAny();
    }

    /** A market's series exist from the start, at 0, so dashboards and rate() see them before the first event. */
    private void known(String market) {
        liquidations(market, false);
        liquidations(market, true);
        trips(market);
        paused(market);
    }

    private Counter liquidations(String market, boolean deleveraged) {
        return Counter.builder("bulwark.liquidations")
                .description("Accounts liquidated, by market and whether deleveraging closed them")
                .tag("market", market)
                .tag("deleveraged", Boolean.toString(deleveraged))
                .register(registry);
    }

    private Counter trips(String market) {
        return Counter.builder("bulwark.liquidation.breaker.trips")
                .description("Times the circuit breaker paused liquidations and triggers, by market")
                .tag("market", market)
                .register(registry);
    }

    private AtomicInteger paused(String market) {
        return pausedByMarket.computeIfAbsent(market, m -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder("bulwark.market.liquidations.paused", value, AtomicInteger::get)
                    .description("1 while the circuit breaker holds liquidations and triggers in the market")
                    .tag("market", m)
                    .register(registry);
            return value;
        });
    }

    private void refreshAny() {
        anyPaused.set(pausedByMarket.values().stream().anyMatch(g -> g.get() == 1) ? 1 : 0);
    }
}
