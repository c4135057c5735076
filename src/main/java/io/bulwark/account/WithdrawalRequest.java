package io.bulwark.account;

import io.bulwark.web.UsdAmount;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;

/**
 * {@code POST /api/v1/withdrawals}. {@code reference} is the client's id for the withdrawal, unique
 * per account: repeating it with the same amount is a harmless retry (SPEC section 10 v2).
 */
record WithdrawalRequest(
        @NotNull @UsdAmount BigDecimal amount,

        @NotNull
        @Pattern(regexp = "[A-Za-z0-9_.:-]{1,64}", message = "must be 1 to 64 characters of A-Z a-z 0-9 _ . : -")
        String reference) {}
