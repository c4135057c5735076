package io.bulwark.account;

import io.bulwark.engine.account.Account;
import io.bulwark.engine.risk.AccountRisk;
import java.math.BigDecimal;

/** The account representation of SPEC section 10, plus its name. */
public record AccountResponse(
        String accountId,
        String name,
        BigDecimal balance,
        BigDecimal equity,
        BigDecimal unrealizedPnl,
        BigDecimal initialMarginRequirement,
        BigDecimal maintenanceMarginRequirement,
        BigDecimal freeCollateral,
        BigDecimal marginRatio) {

    public static AccountResponse of(Account account, AccountRisk risk) {
        return new AccountResponse(
                account.accountId(),
                account.name(),
                risk.balance(),
                risk.equity(),
                risk.unrealizedPnl(),
                risk.initialMarginRequirement(),
                risk.maintenanceMarginRequirement(),
                risk.freeCollateral(),
                risk.marginRatio());
    }
}
