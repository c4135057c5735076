package io.bulwark.journal;

import java.util.List;

/**
 * A rollback that happened: the journal row of its {@code RollBack} command ({@code rolledBack}), the
 * state hash after it, and the commands it reverted with the events they had produced.
 */
public record RollbackResult(
        String snapshotId, long snapshotSequence, Committed rolledBack, String stateHash, List<Committed> reverted) {}
