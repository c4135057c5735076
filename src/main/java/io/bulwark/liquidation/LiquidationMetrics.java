package io.bulwark.liquidation;

import io.bulwark.engine.EngineView;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.Liquidated;
import io.bulwark.engine.event.LiquidationsPaused;
import io.bulwark.engine.event.LiquidationsResumed;
import io.bulwark.journal.Committed;
import io.bulwark.journal.EngineGateway;
import io.bulwark.journal.JournalListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * Liquidation metrics from committed events: {@code bulwark_liquidations_total{market,deleveraged}},
 * {@code bulwark_liquidation_breaker_trips_total}, and the gauge {@code bulwark_liquidations_paused} (1 while
 * the breaker holds liquidations), taken from the engine after each recovery and then kept from events.
 */
@Component
class LiquidationMetrics implements JournalListener {
    private final MeterRegistry registry;
    private final Counter breakerTrips;
    private final AtomicInteger paused = new AtomicInteger();

    LiquidationMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.breakerTrips = Counter.builder("bulwark.liquidation.breaker.trips")
                .description("Times the liquidation circuit breaker paused liquidations and triggers")
                .register(registry);
        Gauge.builder("bulwark.liquidations.paused", paused, AtomicInteger::get)
                .description("1 while the circuit breaker holds liquidations and triggers exchange-wide")
                .register(registry);
    }

    @Override
    public void onCommitted(List<Committed> batch) {
        for (Committed c : batch) {
            for (Event event : c.events()) {
                switch (event) {
                    case Liquidated l ->
                        Counter.builder("bulwark.liquidations")
                                .description("Accounts liquidated, by market and whether deleveraging closed them")
                                .tag("market", l.market())
                                .tag("deleveraged", Boolean.toString(l.deleveraged()))
                                .register(registry)
                                .increment();
                    case LiquidationsPaused p -> {
                        breakerTrips.increment();
                        paused.set(1);
                    }
                    case LiquidationsResumed r -> paused.set(0);
                    default -> {}
                }
            }
        }
    }

    @Override
    public void onRecovered(EngineGateway gateway) {
        paused.set(gateway.query((EngineView view) -> view.status().liquidationsPaused()) ? 1 : 0);
    }
}
