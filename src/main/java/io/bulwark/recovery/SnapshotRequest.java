package io.bulwark.recovery;

import jakarta.validation.constraints.Size;

/** Optional body of {@code POST /admin/snapshots}: why it is taken. */
record SnapshotRequest(@Size(max = 200) String reason) {}
