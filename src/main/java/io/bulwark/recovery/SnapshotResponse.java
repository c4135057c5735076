package io.bulwark.recovery;

import java.time.Instant;

/** A stored snapshot (SPEC section 9). */
record SnapshotResponse(String snapshotId, long sequence, String stateHash, Instant createdAt, String reason) {}
