package io.bulwark.oracle;

import io.bulwark.engine.oracle.SourceState;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code PUT /api/v1/admin/oracle/sources/{source}}: {@code {state: QUARANTINED|ACTIVE, reason}}. */
record SourceStateRequest(
        @NotNull SourceState state,
        @NotBlank @Size(max = 200) String reason) {}
