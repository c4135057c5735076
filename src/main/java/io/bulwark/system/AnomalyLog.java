package io.bulwark.system;

import io.bulwark.engine.event.FundingHalted;
import io.bulwark.engine.event.LiquidationsPaused;
import io.bulwark.engine.event.OraclePriceRejected;
import io.bulwark.engine.event.OracleReanchored;
import io.bulwark.engine.event.OracleSourceStateChanged;
import io.bulwark.engine.event.TradingStateChanged;
import io.bulwark.engine.oracle.PriceRejection;
import io.bulwark.journal.Committed;
import io.bulwark.journal.JournalListener;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes what an operator must see in the log the moment it is durable: funding halted by the guard,
 * the liquidation breaker tripping, a quarantined price jump, an oracle item refused because its key is
 * bound to another source, a re-anchored index, an oracle source's state change, every trading-state
 * change.
 */
@Component
class AnomalyLog implements JournalListener {
    private static final Logger log = LoggerFactory.getLogger(AnomalyLog.class);

    /** One line per command, however many items a key posted for sources other than its own. */
    private static void logForeignSources(Committed c) {
        List<String> sources = c.events().stream()
                .filter(e -> e instanceof OraclePriceRejected r && r.reason() == PriceRejection.SOURCE_NOT_ALLOWED)
                .map(e -> ((OraclePriceRejected) e).source())
                .distinct()
                .toList();
        if (!sources.isEmpty()) {
            log.warn(
                    "Oracle updates refused at sequence {}: key {} posted for sources it is not bound to: {}",
                    c.sequence(),
                    c.actor(),
                    sources);
        }
    }

    @Override
    public void onCommitted(List<Committed> batch) {
        for (Committed c : batch) {
            logForeignSources(c);
            for (var event : c.events()) {
                switch (event) {
                    case FundingHalted h ->
                        log.warn("FUNDING HALTED in {} at sequence {}: {}", h.market(), c.sequence(), h.reason());
                    case LiquidationsPaused p ->
                        log.warn(
                                "LIQUIDATIONS PAUSED in {} at sequence {}: {}",
                                p.market() == null ? "every market" : p.market(),
                                c.sequence(),
                                p.reason());
                    case OraclePriceRejected r
                    when r.reason() == PriceRejection.PRICE_JUMP ->
                        log.warn(
                                "Price jump quarantined in {} from {} at sequence {}: {}",
                                r.market(),
                                r.source(),
                                c.sequence(),
                                r.price());
                    case OracleReanchored r ->
                        log.warn(
                                "ORACLE INDEX RE-ANCHORED in {} from {} to {} ({}) by {} at sequence {}: {}; sources {}",
                                r.market(),
                                r.fromPrice(),
                                r.toPrice(),
                                r.cause(),
                                r.actor(),
                                c.sequence(),
                                r.reason(),
                                r.sources());
                    case OracleSourceStateChanged s ->
                        log.warn(
                                "Oracle source {} {} -> {} by {} at sequence {}: {}",
                                s.source(),
                                s.from(),
                                s.to(),
                                s.actor(),
                                c.sequence(),
                                s.reason());
                    case TradingStateChanged s ->
                        log.info(
                                "Trading state of {} {} -> {} by {} at sequence {}: {}",
                                s.market().isEmpty() ? "the exchange" : s.market(),
                                s.from(),
                                s.to(),
                                s.actor(),
                                c.sequence(),
                                s.reason());
                    default -> {}
                }
            }
        }
    }
}
