package io.bulwark.account;

import io.bulwark.engine.account.Scope;
import io.bulwark.web.security.AllowedIps;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * {@code POST /api/v1/keys} and {@code POST /api/v1/admin/accounts/{accountId}/keys} (SPEC section 10 v2):
 * the new key's scopes (self-service default READ and TRADE), the CIDR blocks it may be used from (none:
 * any), when it stops working (an ISO-8601 instant as a JSON string, never a number: none means never) and a
 * label for its owner.
 */
record NewTraderKeyRequest(
        @Size(min = 1, max = 3) List<@NotNull Scope> scopes,
        @Size(max = AllowedIps.MAX_BLOCKS) List<@NotNull String> allowedIps,
        @Size(max = 40) String expiresAt,

        @Size(min = 1, max = 64) @Pattern(regexp = "\\P{Cntrl}*", message = "must not contain control characters")
        String label) {}
