package io.bulwark.account;

import io.bulwark.web.UsdAmount;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;

/**
 * {@code POST /api/v1/admin/accounts/{accountId}/deposits}. {@code reference} identifies the deposit
 * (e.g. the bank transfer id): repeating it with the same body is a harmless retry.
 */
record DepositRequest(
        @NotNull @UsdAmount BigDecimal amount,

        @NotNull
        @Pattern(regexp = "[A-Za-z0-9_.:-]{1,64}", message = "must be 1 to 64 characters of A-Z a-z 0-9 _ . : -")
        String reference) {}
