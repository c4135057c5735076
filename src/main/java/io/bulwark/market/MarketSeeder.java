package io.bulwark.market;

import io.bulwark.engine.command.CreateMarket;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.market.MarketSpec;
import io.bulwark.journal.EngineGateway;
import io.bulwark.journal.WriterStartupTask;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Creates the configured markets on a new exchange (one with no market at all), as
 * {@code system:bootstrap}. A configuration that breaks a market rule stops the application at
 * start, before it ever becomes the writer.
 */
@Component
@Order(MarketSeeder.ORDER)
class MarketSeeder implements WriterStartupTask {
    static final int ORDER = 100;
    static final String ACTOR = "system:bootstrap";
    private static final Logger log = LoggerFactory.getLogger(MarketSeeder.class);

    private final boolean enabled;
    private final List<MarketSpec> specs;

    MarketSeeder(MarketsProperties properties) {
        this.enabled = properties.seedOnFirstStart();
        this.specs = properties.specs();
        String problems = specs.stream()
                .flatMap(s -> s.violations().stream().map(v -> s.market() + "." + v.field() + " " + v.message()))
                .collect(Collectors.joining("; "));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid bulwark.markets configuration: " + problems);
        }
    }

    @Override
    public void onWriterReady(EngineGateway gateway) {
        if (!enabled || !gateway.query(view -> view.markets().isEmpty())) {
            return;
        }
        for (MarketSpec spec : specs) {
            Outcome outcome = gateway.submit(new CreateMarket(spec), ACTOR);
            if (outcome instanceof Outcome.Applied) {
                log.info("Seeded market {}", spec.market());
            } else {
                log.error("Could not seed market {}: {}", spec.market(), outcome);
            }
        }
    }
}
