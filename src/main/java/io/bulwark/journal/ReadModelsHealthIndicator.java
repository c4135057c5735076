package io.bulwark.journal;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The read-model projector of the writer term running here: DOWN while it is stuck (behind the journal and
 * not advancing, or failing, for longer than the read-model wait), when history reads are refused 503
 * {@code READ_MODELS_BEHIND}. Not part of readiness: commands and current state do not depend on it.
 */
@Component("projector")
class ReadModelsHealthIndicator implements HealthIndicator {
    private final EngineSupervisor supervisor;
    private final JournalProperties properties;

    ReadModelsHealthIndicator(EngineSupervisor supervisor, JournalProperties properties) {
        this.supervisor = supervisor;
        this.properties = properties;
    }

    @Override
    public Health health() {
        WriterTerm term = supervisor.currentTerm();
        if (term == null) {
            return Health.unknown()
                    .withDetail("projector", "no writer term here")
                    .build();
        }
        Projector projector = term.projector();
        long committed = term.lastCommittedSequence();
        long watermark = projector.watermark();
        long limit = properties.engine().readModelWait().toNanos();
        boolean behind = watermark < committed;
        boolean stuck = (behind && projector.sinceProgressNanos() > limit) || projector.failingForNanos() > limit;
        Health.Builder health = stuck ? Health.down() : Health.up();
        health.withDetail("watermark", watermark)
                .withDetail("lastCommittedSequence", committed)
                .withDetail("lag", Math.max(0, committed - watermark));
        Throwable failure = projector.lastFailure();
        if (failure != null && projector.failingForNanos() > 0) {
            health.withDetail("failure", failure.toString());
        }
        return health.build();
    }
}
