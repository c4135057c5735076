package io.bulwark.engine.event;

/** A maintenance window's end passed. The exchange stays as it is: reopening is an admin's act. */
public record MaintenanceCompleted(String windowId, long start, long end, String reason) implements Event {}
