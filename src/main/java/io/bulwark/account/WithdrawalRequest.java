package io.bulwark.account;

import io.bulwark.web.UsdAmount;
import jakarta.validation.constraints.NotNull;
import java.math.BigDecimal;

/** {@code POST /api/v1/withdrawals}. */
record WithdrawalRequest(@NotNull @UsdAmount BigDecimal amount) {}
