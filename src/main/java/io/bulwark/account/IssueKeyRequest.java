package io.bulwark.account;

import io.bulwark.engine.account.Role;
import jakarta.validation.constraints.NotNull;

/** {@code POST /api/v1/admin/keys}: ADMIN or ORACLE. */
record IssueKeyRequest(@NotNull Role role) {}
