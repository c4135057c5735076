package io.bulwark.recovery;

import io.bulwark.journal.EngineGateway;
import io.bulwark.journal.NodeStatus;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs every integrity check every {@code bulwark.integrity.check-interval}, on the writer only (a
 * standby has no engine to check). A failure is logged and shows in {@code bulwark_integrity{check}};
 * it does not close the exchange by itself: an operator decides (the next attempt to leave CLOSED is
 * refused until the checks pass).
 */
@Component
@EnableConfigurationProperties(IntegrityProperties.class)
class PeriodicIntegrity implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(PeriodicIntegrity.class);

    private final IntegrityService integrity;
    private final EngineGateway gateway;
    private final IntegrityProperties properties;
    private volatile ScheduledExecutorService timer;

    PeriodicIntegrity(IntegrityService integrity, EngineGateway gateway, IntegrityProperties properties) {
        this.integrity = integrity;
        this.gateway = gateway;
        this.properties = properties;
    }

    private void check() {
        if (gateway.nodeStatus().role() != NodeStatus.Role.WRITER) {
            return;
        }
        try {
            IntegrityReport report = integrity.run();
            if (!report.ok()) {
                log.error("Integrity checks fail at sequence {}: {}", report.sequence(), report.failures());
            }
        } catch (RuntimeException e) {
            // The term may end under us (standby again, engine stopped): the next run tries again.
            log.debug("Periodic integrity check skipped: {}", e.toString());
        }
    }

    @Override
    public void start() {
        long millis = properties.checkInterval().toMillis();
        if (millis <= 0) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("bulwark-integrity").daemon().factory());
        timer.scheduleWithFixedDelay(this::check, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        ScheduledExecutorService current = timer;
        timer = null;
        if (current != null) {
            current.shutdownNow();
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
