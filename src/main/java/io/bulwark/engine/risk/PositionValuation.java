package io.bulwark.engine.risk;

import io.bulwark.engine.position.Portfolio;
import io.bulwark.engine.position.Position;
import io.bulwark.engine.state.Market;
import io.bulwark.engine.state.Markets;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** Values an account's positions at mark, with the price at which each would be liquidated. */
public final class PositionValuation {
    private PositionValuation() {}

    public static List<PositionView> positions(Portfolio portfolio, Markets markets, AccountRisk risk) {
        List<PositionView> out = new ArrayList<>();
        for (Position p : portfolio.positions()) {
            if (p.isFlat()) {
                continue;
            }
            Market market = markets.get(p.market()).orElseThrow();
            BigDecimal step = market.spec().stepSize();
            BigDecimal mark = market.markPrice();
            BigDecimal unrealized = mark == null ? BigDecimal.ZERO : p.unrealizedPnl(mark, step);
            out.add(new PositionView(
                    p.market(),
                    p.size(step),
                    p.entryPrice(step),
                    mark,
                    unrealized,
                    p.realizedPnl(),
                    mark == null
                            ? null
                            : liquidationPrice(p.size(step), mark, market.spec().maintenanceMarginFraction(), risk)));
        }
        return out;
    }

    /**
     * The mark at which equity would meet the maintenance requirement if only this market moved:
     * E + s(P − M) = MMR − |s|·M·f + |s|·P·f, so P = (E − s·M − MMR + |s|·M·f) / (|s|·f − s).
     * Shown to 8 decimals (half-even): an estimate for display, no money moves on it.
     */
    static BigDecimal liquidationPrice(BigDecimal size, BigDecimal mark, BigDecimal mmf, AccountRisk risk) {
        BigDecimal absSize = size.abs();
        BigDecimal numerator = risk.equity()
                .subtract(size.multiply(mark))
                .subtract(risk.maintenanceMarginRequirement())
                .add(absSize.multiply(mark).multiply(mmf));
        BigDecimal denominator = absSize.multiply(mmf).subtract(size);
        if (denominator.signum() == 0) {
            return null;
        }
        BigDecimal price = numerator.divide(denominator, 8, RoundingMode.HALF_EVEN);
        return price.signum() > 0 ? price.stripTrailingZeros() : null;
    }
}
