package io.bulwark.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /api/v1/admin/accounts}. */
record CreateAccountRequest(
        @NotBlank @Size(max = 64) @Pattern(regexp = "\\P{Cntrl}*", message = "must not contain control characters")
        String name) {}
