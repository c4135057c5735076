package io.bulwark.recovery;

import io.bulwark.engine.command.ChangeTradingState;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.state.TradingState;
import io.bulwark.journal.EngineGateway;
import io.bulwark.journal.WriterStartupTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Every integrity check at the start of a writer term, after a verified recovery and the other startup
 * tasks (an unverified recovery has already put the exchange CLOSED, with its own reason). A failing
 * check puts or keeps the exchange CLOSED, journaled with actor {@code system:integrity} and the
 * failing checks as the reason (SPEC section 8: the exchange comes back as it was only if recovery and
 * integrity verified). No pre-maintenance snapshot is taken of a state that failed them.
 */
@Component
@Order(IntegrityAtStart.ORDER)
class IntegrityAtStart implements WriterStartupTask {
    static final int ORDER = 1000;
    private static final int MAX_REASON = 1000;
    private static final Logger log = LoggerFactory.getLogger(IntegrityAtStart.class);

    // Looked up when a term starts: the supervisor that runs this task is the node's gateway itself.
    private final ObjectProvider<IntegrityService> integrity;
    private final ObjectProvider<EngineGateway> node;

    IntegrityAtStart(ObjectProvider<IntegrityService> integrity, ObjectProvider<EngineGateway> node) {
        this.integrity = integrity;
        this.node = node;
    }

    @Override
    public void onWriterReady(EngineGateway term) {
        if (!node.getObject().nodeStatus().recovery().verified()) {
            return;
        }
        IntegrityReport report = integrity.getObject().run(term);
        if (report.ok()) {
            log.info("Integrity checks pass at start (sequence {})", report.sequence());
            return;
        }
        String reason = "integrity checks failed at start: " + report.failures();
        if (reason.length() > MAX_REASON) {
            reason = reason.substring(0, MAX_REASON - 3) + "...";
        }
        Outcome outcome = term.submit(
                new ChangeTradingState(
                        ChangeTradingState.EXCHANGE, TradingState.CLOSED, reason, ChangeTradingState.INTEGRITY, false),
                ChangeTradingState.INTEGRITY);
        log.error("Exchange CLOSED: {} ({})", reason, outcome);
    }
}
