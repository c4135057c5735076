package io.bulwark.engine.command;

/**
 * Applied to the engine as restored from snapshot {@code snapshotId} (taken at {@code snapshotSequence})
 * after the commands since were marked reverted: keeps the exchange CLOSED, cancels the orders open at
 * the snapshot except untriggered stop/take-profit orders (ROLLBACK) and raises the state epoch.
 */
public record RollBack(String snapshotId, long snapshotSequence, String reason, String actor) implements Command {}
