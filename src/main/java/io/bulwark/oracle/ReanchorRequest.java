package io.bulwark.oracle;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/admin/markets/{market}/oracle/reanchor}: {@code {reason}}. */
record ReanchorRequest(@NotBlank @Size(max = 200) String reason) {}
