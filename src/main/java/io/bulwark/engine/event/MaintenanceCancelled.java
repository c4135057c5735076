package io.bulwark.engine.event;

/** A maintenance window was called off by {@code actor}. */
public record MaintenanceCancelled(String windowId, long start, long end, String reason, String actor)
        implements Event {}
