package io.bulwark.journal;

import io.bulwark.engine.Engine;

/** An engine rebuilt from the journal, and where the journal's hash chain ends. */
record RecoveredState(Engine engine, long lastSequence, String lastRowHash, NodeStatus.Recovery recovery) {}
