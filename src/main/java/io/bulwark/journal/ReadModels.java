package io.bulwark.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Read-your-writes for the read models, which the {@link Projector} writes after the journal commit: a read
 * of a read-model table first waits until the projector's watermark has reached the journal's last committed
 * sequence as of the start of the read, so every command acknowledged before the read began is in it. The
 * wait is bounded ({@code bulwark.engine.read-model-wait}); past it the read is refused with {@link
 * ReadModelsBehindException} (503 {@code READ_MODELS_BEHIND}), never answered from stale rows.
 *
 * <p>On the writer this compares two numbers in memory. Without a running writer term (a standby, a
 * recovery, a rollback under way) it compares the stored watermark with the journal's last row.
 */
public class ReadModels {
    private static final String STORED = "SELECT w.sequence, (SELECT COALESCE(MAX(sequence), 0) FROM journal)"
            + " FROM projector_watermark w WHERE w.id = 1";

    private final EngineSupervisor supervisor;
    private final DataSource pool;
    private final Duration maxWait;

    public ReadModels(EngineSupervisor supervisor, DataSource pool, Duration maxWait) {
        this.supervisor = supervisor;
        this.pool = pool;
        this.maxWait = maxWait;
    }

    /** Waits until the read models hold every command committed before this call. */
    public void awaitCurrent() {
        awaitCurrent(maxWait);
    }

    /**
     * As {@link #awaitCurrent()}, with another bound: for checks that compare the read models with the
     * engine and may run while a new term's projector catches up.
     */
    public void awaitCurrent(Duration maxWait) {
        long deadline = System.nanoTime() + maxWait.toNanos();
        WriterTerm term = supervisor.currentTerm();
        if (term != null && !term.stopped()) {
            Projector projector = term.projector();
            long target = term.lastCommittedSequence();
            if (projector.watermark() >= target) {
                return;
            }
            try {
                if (projector.awaitWatermark(target, deadline)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ReadModelsBehindException("interrupted while waiting for the read models");
            }
            if (!term.stopped()) {
                throw behind(target, projector.watermark(), maxWait);
            }
        }
        awaitStored(deadline, maxWait);
    }

    private void awaitStored(long deadline, Duration maxWait) {
        try (Connection c = pool.getConnection();
                PreparedStatement ps = c.prepareStatement(STORED)) {
            long target = -1;
            long watermark;
            while (true) {
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new IllegalStateException("projector_watermark has no row");
                    }
                    watermark = rs.getLong(1);
                    if (target < 0) {
                        target = rs.getLong(2);
                    }
                }
                if (watermark >= target) {
                    return;
                }
                if (System.nanoTime() >= deadline) {
                    throw behind(target, watermark, maxWait);
                }
                TimeUnit.MILLISECONDS.sleep(10);
            }
        } catch (SQLException e) {
            throw new org.springframework.dao.DataAccessResourceFailureException("reading the projector watermark", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ReadModelsBehindException("interrupted while waiting for the read models");
        }
    }

    private static ReadModelsBehindException behind(long target, long watermark, Duration maxWait) {
        return new ReadModelsBehindException("the read models are behind the journal (projected through " + watermark
                + ", committed through " + target + ") after " + maxWait.toMillis()
                + " ms; history is not answered from stale rows: retry shortly");
    }
}
