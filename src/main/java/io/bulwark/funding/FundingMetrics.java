package io.bulwark.funding;

import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.FundingHalted;
import io.bulwark.engine.event.FundingPaid;
import io.bulwark.journal.Committed;
import io.bulwark.journal.JournalListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Counts funding halts by the write-time guard per market ({@code bulwark_funding_halts_total}) and funding
 * payments ({@code bulwark_funding_payments_total}), from committed events.
 */
@Component
class FundingMetrics implements JournalListener {
    private final MeterRegistry registry;
    private final Counter payments;

    FundingMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.payments = Counter.builder("bulwark.funding.payments")
                .description("Funding payments settled (one per position per interval)")
                .register(registry);
    }

    @Override
    public void onCommitted(List<Committed> batch) {
        for (Committed c : batch) {
            for (Event event : c.events()) {
                switch (event) {
                    case FundingPaid p -> payments.increment();
                    case FundingHalted h ->
                        Counter.builder("bulwark.funding.halts")
                                .description("Markets whose funding the write-time guard halted")
                                .tag("market", h.market())
                                .register(registry)
                                .increment();
                    default -> {}
                }
            }
        }
    }
}
