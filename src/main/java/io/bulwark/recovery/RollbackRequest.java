package io.bulwark.recovery;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code {snapshotId, reason}}: which snapshot to restore, and why (journaled with the RollBack command). */
record RollbackRequest(
        @NotBlank @Size(max = 100) String snapshotId,
        @NotBlank @Size(max = 200) String reason) {}
