package io.bulwark.engine.event;

/** A maintenance window was announced (engine time, epoch milliseconds). */
public record MaintenanceScheduled(String windowId, long start, long end, String reason, String actor)
        implements Event {}
