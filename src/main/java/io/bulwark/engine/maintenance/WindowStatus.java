package io.bulwark.engine.maintenance;

/** Where a maintenance window is in its life (SPEC section 8). */
public enum WindowStatus {
    /** Announced; its start is still ahead. */
    SCHEDULED,
    /** Started: the exchange was put CLOSED (it reopens only by an admin's transition). */
    ACTIVE,
    /** Its end has passed. */
    COMPLETED,
    /** Called off by an admin before it completed. */
    CANCELLED
}
