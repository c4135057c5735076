package io.bulwark.engine.risk;

import io.bulwark.engine.ledger.Ledger;
import io.bulwark.engine.market.MarketSpec;
import io.bulwark.engine.position.Portfolio;
import io.bulwark.engine.position.Portfolios;
import io.bulwark.engine.position.Position;
import io.bulwark.engine.state.Market;
import io.bulwark.engine.state.Markets;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Cross-margin figures of an account (SPEC section 3), exact: equity = balance + unrealized PnL at
 * mark; initial requirement = Σ |size| × mark × IMF + margin held by open orders; maintenance
 * requirement = Σ |size| × mark × MMF. A market without a price yet is valued at the position's
 * entry price (no unrealized PnL).
 */
public final class MarginCalculator {
    private final Ledger ledger;
    private final Markets markets;
    private final Portfolios portfolios;

    public MarginCalculator(Ledger ledger, Markets markets, Portfolios portfolios) {
        this.ledger = ledger;
        this.markets = markets;
        this.portfolios = portfolios;
    }

    public AccountRisk assess(String accountId) {
        BigDecimal balance = ledger.balance(accountId);
        BigDecimal unrealized = BigDecimal.ZERO;
        BigDecimal initial = BigDecimal.ZERO;
        BigDecimal maintenance = BigDecimal.ZERO;
        Portfolio portfolio = portfolios.get(accountId).orElse(null);
        if (portfolio != null) {
            for (Position position : portfolio.positions()) {
                if (position.isFlat()) {
                    continue;
                }
                Market market = markets.get(position.market()).orElseThrow();
                MarketSpec spec = market.spec();
                BigDecimal size = position.size(spec.stepSize());
                BigDecimal mark = market.markPrice() != null
                        ? market.markPrice()
                        : position.costBasis().divide(size, 12, RoundingMode.HALF_EVEN);
                BigDecimal notional = size.abs().multiply(mark);
                unrealized = unrealized.add(position.unrealizedPnl(mark, spec.stepSize()));
                initial = initial.add(notional.multiply(spec.initialMarginFraction()));
                maintenance = maintenance.add(notional.multiply(spec.maintenanceMarginFraction()));
            }
            initial = initial.add(portfolio.orderMargin());
        }
        BigDecimal equity = balance.add(unrealized);
        BigDecimal free = equity.subtract(initial);
        // Ratio shown to 4 decimals, rounded up so a UI never understates how close liquidation is.
        BigDecimal ratio = equity.signum() > 0
                ? maintenance.divide(equity, 4, RoundingMode.UP)
                : (maintenance.signum() > 0 ? BigDecimal.ONE : BigDecimal.ZERO);
        return new AccountRisk(accountId, balance, equity, unrealized, initial, maintenance, free, ratio);
    }

    /**
     * The account's unrealized gains in markets whose price is not healthy at {@code now}: a
     * withdrawal may not take them (SPEC section 3 v2), since an unconfirmed mark may be wrong. Losses
     * are not offset: they count in {@link #assess} whatever the price health.
     */
    public BigDecimal unhealthyGains(String accountId, long now) {
        BigDecimal gains = BigDecimal.ZERO;
        for (Position position :
                portfolios.get(accountId).map(Portfolio::positions).orElse(List.of())) {
            Market market = markets.get(position.market()).orElseThrow();
            if (position.isFlat() || market.markPrice() == null || market.priceHealthy(now)) {
                continue;
            }
            BigDecimal pnl =
                    position.unrealizedPnl(market.markPrice(), market.spec().stepSize());
            gains = gains.add(pnl.max(BigDecimal.ZERO));
        }
        return gains;
    }
}
