package io.bulwark.maintenance;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** {@code {start, end, reason}} of {@code POST /admin/maintenance-windows}; instants in ISO-8601. */
record MaintenanceWindowRequest(
        @NotNull Instant start,
        @NotNull Instant end,
        @NotBlank @Size(max = 200) String reason) {}
