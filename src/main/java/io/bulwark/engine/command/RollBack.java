package io.bulwark.engine.command;

/**
 * Applied to the engine as restored from snapshot {@code snapshotId} (taken at {@code snapshotSequence})
 * after the commands since were marked reverted: keeps the exchange CLOSED, cancels the orders open at
 * the snapshot except untriggered stop/take-profit orders (ROLLBACK) and raises the state epoch above
 * both the snapshot's and {@code highestEpoch}, the highest epoch the exchange ever had before this
 * rollback (SPEC section 9: a second rollback to the same snapshot raises it again). {@code highestEpoch}
 * is journaled so replay computes the same epoch; it is null in rows written before it existed, which
 * raise the snapshot's epoch by one as they did then.
 */
public record RollBack(String snapshotId, long snapshotSequence, String reason, String actor, Long highestEpoch)
        implements Command {}
