package io.bulwark.recovery;

import io.bulwark.engine.event.RolledBack;
import io.bulwark.journal.RollbackResult;
import java.time.Instant;
import java.util.List;

/**
 * The answer to a rollback: the snapshot restored, the journal sequence of the RollBack command, the new
 * state epoch and state hash, how many commands were reverted, and per account what was undone.
 */
record RollbackResponse(
        String snapshotId,
        long snapshotSequence,
        long sequence,
        long epoch,
        String stateHash,
        String reason,
        Instant time,
        int revertedCommands,
        List<UndoReport.AccountUndo> accounts) {

    static RollbackResponse of(RollbackResult result) {
        RolledBack rolledBack = result.rolledBack().events().stream()
                .filter(RolledBack.class::isInstance)
                .map(RolledBack.class::cast)
                .findFirst()
                .orElseThrow();
        return new RollbackResponse(
                result.snapshotId(),
                result.snapshotSequence(),
                result.rolledBack().sequence(),
                rolledBack.epoch(),
                result.stateHash(),
                rolledBack.reason(),
                Instant.ofEpochMilli(result.rolledBack().timestamp()),
                result.reverted().size(),
                UndoReport.of(result.reverted()));
    }
}
