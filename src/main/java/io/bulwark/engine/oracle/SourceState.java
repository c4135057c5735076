package io.bulwark.engine.oracle;

/** Whether a source's prices count toward the index (SPEC section 6). */
public enum SourceState {
    ACTIVE,
    /** Set by an operator: its prices stop counting at once, in every market. */
    QUARANTINED
}
