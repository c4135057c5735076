package io.bulwark.engine.command;

/**
 * Announces a maintenance window from {@code start} to {@code end} (epoch milliseconds). At its start
 * the engine itself puts the exchange CLOSED; reopening stays an admin's transition.
 */
public record ScheduleMaintenance(long start, long end, String reason, String actor) implements Command {}
