package io.bulwark.engine.oracle;

/** Why an index was set outside the jump limits. */
public enum ReanchorCause {
    /** Every fresh active source (two or more) agreed on a price beyond the limit for 3 updates in a row. */
    AGREEMENT,
    /** An operator re-anchored the market to the median of its fresh active sources. */
    ADMIN,
    /** An operator quarantined a source and the index was recomputed from the others. */
    QUARANTINE
}
