package io.bulwark.engine.risk;

import io.bulwark.engine.Decimals;
import io.bulwark.engine.ledger.Ledger;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Computes cross-margin figures for an account. Positions and open-order margin arrive with the
 * trading feature; until then an account's equity is its settled balance.
 */
public final class MarginCalculator {
    private final Ledger ledger;

    public MarginCalculator(Ledger ledger) {
        this.ledger = ledger;
    }

    public AccountRisk assess(String accountId) {
        BigDecimal balance = ledger.balance(accountId);
        BigDecimal zero = Decimals.usd(BigDecimal.ZERO);
        BigDecimal unrealizedPnl = zero;
        BigDecimal equity = balance.add(unrealizedPnl);
        BigDecimal initial = zero;
        BigDecimal maintenance = zero;
        BigDecimal free = equity.subtract(initial);
        // Ratio shown to 4 decimals, rounded up so a UI never understates how close liquidation is.
        BigDecimal ratio = equity.signum() > 0
                ? maintenance.divide(equity, 4, RoundingMode.UP)
                : (maintenance.signum() > 0 ? BigDecimal.ONE : BigDecimal.ZERO);
        return new AccountRisk(accountId, balance, equity, unrealizedPnl, initial, maintenance, free, ratio);
    }
}
