package io.bulwark.recovery;

import io.bulwark.web.ApiException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * An admin deletes a stored snapshot (manual and pre-maintenance ones are kept until then; automatic ones are
 * also pruned by the journal writer). Never the one recovery would start from: the newest snapshot, not
 * reverted, whose bytes match their hash. The journal is untouched, so the state stays recoverable by replay
 * whatever is deleted; the act is logged with its actor.
 */
@Component
class SnapshotDeletion {
    private static final Logger log = LoggerFactory.getLogger(SnapshotDeletion.class);
    private static final String RECOVERY_START = """
            SELECT snapshot_id FROM snapshots
            WHERE NOT reverted AND encode(sha256(state), 'hex') = state_hash
            ORDER BY sequence DESC LIMIT 1
            """;

    private record Found(long sequence, String reason) {}

    private final JdbcTemplate jdbc;

    SnapshotDeletion(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    void delete(String snapshotId, String actor) {
        // EXCLUSIVE: the journal writer's inserts and prunes and a rollback's row locks wait for this short
        // transaction (plain reads do not), so recovery's starting point cannot change under the check below.
        jdbc.execute("LOCK TABLE snapshots IN EXCLUSIVE MODE");
        List<Found> found = jdbc.query(
                "SELECT sequence, reason FROM snapshots WHERE snapshot_id = ? AND NOT reverted",
                (rs, i) -> new Found(rs.getLong(1), rs.getString(2)),
                snapshotId);
        if (found.isEmpty()) {
            throw ApiException.notFound("SNAPSHOT_NOT_FOUND", "no snapshot " + snapshotId + " that is not reverted");
        }
        List<String> start = jdbc.queryForList(RECOVERY_START, String.class);
        if (start.contains(snapshotId)) {
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    "SNAPSHOT_IN_USE",
                    "recovery starts from " + snapshotId + " (the newest intact snapshot); take a newer one"
                            + " before deleting it");
        }
        jdbc.update("DELETE FROM snapshots WHERE snapshot_id = ?", snapshotId);
        log.warn(
                "Snapshot {} (sequence {}, reason \"{}\") deleted by {}",
                snapshotId,
                found.getFirst().sequence(),
                found.getFirst().reason(),
                actor);
    }
}
