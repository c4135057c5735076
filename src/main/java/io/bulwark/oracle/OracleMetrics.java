package io.bulwark.oracle;

import io.bulwark.engine.event.OraclePriceRejected;
import io.bulwark.engine.event.OracleReanchored;
import io.bulwark.engine.event.OracleSourceStateChanged;
import io.bulwark.engine.oracle.PriceRejection;
import io.bulwark.journal.Committed;
import io.bulwark.journal.JournalListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Counts refused oracle updates by market and reason ({@code bulwark_oracle_rejected_total}), indexes set
 * outside the jump limits by market and cause ({@code bulwark_oracle_reanchored_total}) and source state
 * changes by new state ({@code bulwark_oracle_source_state_changes_total}).
 */
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
                switch (event) {
                    case OraclePriceRejected r ->
                        Counter.builder("bulwark.oracle.rejected")
                                .description("Oracle price updates refused, by market and reason")
                                .tag("market", countedMarket(r))
                                .tag("reason", r.reason().name())
                                .register(registry)
                                .increment();
                    case OracleReanchored r ->
                        Counter.builder("bulwark.oracle.reanchored")
                                .description("Indexes set outside the jump limits, by market and cause")
                                .tag("market", r.market())
                                .tag("cause", r.cause().name())
                                .register(registry)
                                .increment();
                    case OracleSourceStateChanged s ->
                        Counter.builder("bulwark.oracle.source.state.changes")
                                .description("Oracle sources quarantined or made active again by an operator")
                                .tag("state", s.to().name())
                                .register(registry)
                                .increment();
                    default -> {}
                }
            }
        }
    }

    /** A market name only once the market is known to exist: a refused item's name is the client's text. */
    private static String countedMarket(OraclePriceRejected r) {
        return r.reason() == PriceRejection.UNKNOWN_MARKET || r.reason() == PriceRejection.SOURCE_NOT_ALLOWED
                ? "unknown"
                : r.market();
    }
}
