package io.bulwark.engine.desk.liquidation;

import io.bulwark.engine.event.Deleveraged;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.Liquidated;
import io.bulwark.engine.ledger.Ledger;
import io.bulwark.engine.money.Decimals;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.position.Portfolios;
import io.bulwark.engine.position.Position;
import io.bulwark.engine.risk.AccountRisk;
import io.bulwark.engine.risk.MarginCalculator;
import io.bulwark.engine.state.Market;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Auto-deleveraging (SPEC section 7), when the liquidator vault cannot cover an account's bad debt: the
 * bankrupt account's position is closed against opposing traders ranked by unrealized-PnL ratio ×
 * leverage, at the bankruptcy price, the price at which the account's equity reaches zero.
 */
final class AutoDeleverage {
    private final Portfolios portfolios;
    private final MarginCalculator margin;
    private final PositionSettlement settlement;

    AutoDeleverage(Portfolios portfolios, MarginCalculator margin, PositionSettlement settlement) {
        this.portfolios = portfolios;
        this.margin = margin;
        this.settlement = settlement;
    }

    void close(
            String accountId, Position p, Market m, BigDecimal size, AccountRisk before, long now, List<Event> events) {
        BigDecimal step = m.spec().stepSize();
        BigDecimal bankruptcy = bankruptcyPrice(accountId, p, m, size);
        Side accountSide = p.sizeSteps() > 0 ? Side.BUY : Side.SELL;
        String ref = "adl:" + accountId + ":" + m.spec().market();
        long remaining = Math.abs(p.sizeSteps());
        for (String counterparty : ranked(m, accountSide.opposite(), accountId)) {
            if (remaining == 0) {
                break;
            }
            Position theirs =
                    portfolios.get(counterparty).orElseThrow().position(m.spec().market());
            long steps = Math.min(remaining, Math.abs(theirs.sizeSteps()));
            settlement.settle(counterparty, theirs.fill(accountSide, steps, bankruptcy, step), ref, events);
            settlement.settle(accountId, p.fill(accountSide.opposite(), steps, bankruptcy, step), ref, events);
            PositionSettlement.positionChanged(counterparty, m, theirs, events);
            PositionSettlement.positionChanged(accountId, m, p, events);
            events.add(new Deleveraged(counterparty, m.spec().market(), m.size(steps), bankruptcy, accountId));
            remaining -= steps;
        }
        events.add(new Liquidated(
                accountId,
                m.spec().market(),
                size,
                bankruptcy,
                m.markPrice(),
                m.indexPrice(),
                before.equity(),
                before.maintenanceMarginRequirement(),
                Decimals.usd(BigDecimal.ZERO),
                Decimals.usd(BigDecimal.ZERO),
                m.priceHealthy(now),
                true));
    }

    /** equity + s·(P − mark) = 0 → P = mark − equity / s, on the tick so the account ends at or above zero. */
    private BigDecimal bankruptcyPrice(String accountId, Position p, Market m, BigDecimal size) {
        BigDecimal equity = margin.assess(accountId).equity();
        RoundingMode toward = p.sizeSteps() > 0 ? RoundingMode.CEILING : RoundingMode.FLOOR;
        return m.markPrice()
                .subtract(equity.divide(size, 18, toward))
                .divide(m.spec().tickSize(), 0, toward)
                .multiply(m.spec().tickSize())
                .max(m.spec().tickSize());
    }

    /** Accounts holding {@code side} positions in the market, most profitable × most leveraged first. */
    private List<String> ranked(Market m, Side side, String exclude) {
        record Candidate(String accountId, BigDecimal score) {}
        List<Candidate> candidates = new ArrayList<>();
        for (String id : portfolios.holders(m.spec().market())) {
            if (id.equals(exclude) || id.equals(Ledger.LIQUIDATOR_VAULT)) {
                continue;
            }
            Position pos = portfolios
                    .get(id)
                    .orElseThrow()
                    .existingPosition(m.spec().market())
                    .orElse(null);
            if (pos == null || pos.isFlat() || Long.signum(pos.sizeSteps()) != side.sign()) {
                continue;
            }
            candidates.add(new Candidate(id, score(id, pos, m)));
        }
        candidates.sort(Comparator.comparing(Candidate::score).reversed().thenComparing(Candidate::accountId));
        return candidates.stream().map(Candidate::accountId).toList();
    }

    /** Unrealized-PnL ratio × leverage; zero for an account without positive equity or cost basis. */
    private BigDecimal score(String accountId, Position pos, Market m) {
        BigDecimal step = m.spec().stepSize();
        BigDecimal equity = margin.assess(accountId).equity();
        if (equity.signum() <= 0 || pos.costBasis().signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal pnlRatio =
                pos.unrealizedPnl(m.markPrice(), step).divide(pos.costBasis().abs(), 12, RoundingMode.HALF_EVEN);
        BigDecimal leverage = pos.size(step).abs().multiply(m.markPrice()).divide(equity, 12, RoundingMode.HALF_EVEN);
        return pnlRatio.multiply(leverage);
    }
}
