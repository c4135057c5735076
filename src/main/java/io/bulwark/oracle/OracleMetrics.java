package io.bulwark.oracle;

import io.bulwark.engine.event.OraclePriceRejected;
import io.bulwark.engine.oracle.PriceRejection;
import io.bulwark.journal.Committed;
import io.bulwark.journal.JournalListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.stereotype.Component;

/** Counts refused oracle updates by market and reason ({@code bulwark_oracle_rejected_total}). */
@Component
class OracleMetrics implements JournalListener {
    private final MeterRegistry registry;

    OracleMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onCommitted(List<Committed> batch) {
        for (Committed c : batch) {
            for (var event : c.events()) {
                if (event instanceof OraclePriceRejected r) {
                    Counter.builder("bulwark.oracle.rejected")
                            .description("Oracle price updates refused, by market and reason")
                            .tag("market", r.reason() == PriceRejection.UNKNOWN_MARKET ? "unknown" : r.market())
                            .tag("reason", r.reason().name())
                            .register(registry)
                            .increment();
                }
            }
        }
    }
}
