package io.bulwark.engine.command;

import io.bulwark.engine.oracle.SourceState;

/**
 * An operator quarantines an oracle source (its prices stop counting at once, in every market, and each
 * index is recomputed from the other sources) or makes it ACTIVE again (it starts afresh).
 */
public record SetOracleSourceState(String source, SourceState state, String reason, String actor) implements Command {}
