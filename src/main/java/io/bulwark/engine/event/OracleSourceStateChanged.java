package io.bulwark.engine.event;

import io.bulwark.engine.oracle.SourceState;

/** An operator changed an oracle source's state (SPEC section 6); journaled with who and why. */
public record OracleSourceStateChanged(String source, SourceState from, SourceState to, String reason, String actor)
        implements Event {}
