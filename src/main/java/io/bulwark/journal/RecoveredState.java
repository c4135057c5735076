package io.bulwark.journal;

import io.bulwark.engine.Engine;
import java.util.List;

/**
 * An engine rebuilt from the journal, where the journal's hash chain ends, and the altered rows that journaled
 * rollbacks had reverted (evidence, not problems).
 */
record RecoveredState(
        Engine engine,
        long lastSequence,
        String lastRowHash,
        NodeStatus.Recovery recovery,
        List<TamperEvidence> evidence) {}
