package io.bulwark.account;

import io.bulwark.engine.account.Role;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/v1/admin/keys}: ADMIN, or ORACLE bound to the one oracle {@code source} it may post
 * prices for (required for ORACLE, refused for ADMIN: SPEC section 6).
 */
record IssueKeyRequest(
        @NotNull Role role,

        @Size(min = 1, max = 64) @Pattern(regexp = "[A-Za-z0-9_.:-]+")
        String source) {}
