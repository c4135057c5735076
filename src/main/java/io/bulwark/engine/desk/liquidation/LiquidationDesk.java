package io.bulwark.engine.desk.liquidation;

import static io.bulwark.engine.command.Rejection.Code.INVALID_TRANSITION;
import static io.bulwark.engine.command.Rejection.Code.UNKNOWN_MARKET;
import static io.bulwark.engine.event.Outcome.reject;

import io.bulwark.engine.command.ResumeLiquidations;
import io.bulwark.engine.desk.OrderCancels;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.Liquidated;
import io.bulwark.engine.event.LiquidationsPaused;
import io.bulwark.engine.event.LiquidationsResumed;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.event.TransferKind;
import io.bulwark.engine.ledger.Ledger;
import io.bulwark.engine.liquidation.CircuitBreaker;
import io.bulwark.engine.money.Decimals;
import io.bulwark.engine.order.CancelReason;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.position.Portfolio;
import io.bulwark.engine.position.Portfolios;
import io.bulwark.engine.position.Position;
import io.bulwark.engine.risk.AccountRisk;
import io.bulwark.engine.risk.MarginCalculator;
import io.bulwark.engine.state.ExchangeStatus;
import io.bulwark.engine.state.Market;
import io.bulwark.engine.state.Markets;
import io.bulwark.engine.state.TradingState;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Liquidates accounts whose equity fell below their maintenance requirement (SPEC section 7), only
 * on trusted data: every market the account holds must be OPEN with a healthy price, and the circuit
 * breaker must not have paused liquidations there. The liquidator vault takes the positions at the mark (rounded to the
 * tick against the account), charges the liquidation fee (capped by what equity is left) and covers
 * any bad debt; when the vault cannot, opposing positions are auto-deleveraged at the bankruptcy price.
 */
public final class LiquidationDesk {
    private final Markets markets;
    private final Portfolios portfolios;
    private final Ledger ledger;
    private final MarginCalculator margin;
    private final ExchangeStatus status;
    private final CircuitBreaker breaker;
    private final OrderCancels orders;
    private final PositionSettlement settlement;
    private final AutoDeleverage autoDeleverage;
    private final LiquidationIndex index;

    public LiquidationDesk(
            Markets markets,
            Portfolios portfolios,
            Ledger ledger,
            MarginCalculator margin,
            ExchangeStatus status,
            CircuitBreaker breaker,
            OrderCancels orders) {
        this.markets = markets;
        this.portfolios = portfolios;
        this.ledger = ledger;
        this.margin = margin;
        this.status = status;
        this.breaker = breaker;
        this.orders = orders;
        this.settlement = new PositionSettlement(ledger);
        this.autoDeleverage = new AutoDeleverage(portfolios, margin, settlement);
        this.index = new LiquidationIndex(markets, portfolios, ledger);
    }

    /** An operator resumes liquidations in one market ({@code market} set) or every paused market (null). */
    public Optional<Outcome> resume(ResumeLiquidations c, List<Event> events) {
        if (c.market() == null) {
            if (breaker.resumeAll().isEmpty()) {
                return reject(INVALID_TRANSITION, "liquidations are not paused in any market");
            }
        } else if (!markets.contains(c.market())) {
            return reject(UNKNOWN_MARKET, "no market " + c.market());
        } else if (!breaker.resume(c.market())) {
            return reject(INVALID_TRANSITION, "liquidations are not paused in " + c.market());
        }
        events.add(new LiquidationsResumed(c.actor(), c.market()));
        return Optional.empty();
    }

    private boolean fullScan;

    /** Every check scans every account with a position: the reference for the equivalence tests. */
    public void useFullScan() {
        fullScan = true;
    }

    /**
     * Liquidates every account that is below maintenance on trusted prices, in account id order: assesses
     * only the accounts {@link LiquidationIndex} says may be, with the same results as assessing all.
     */
    public void check(long sequence, long now, List<Event> events) {
        if (fullScan) {
            checkEveryAccount(sequence, now, events);
            return;
        }
        Predicate<Market> trusted = m -> trusted(m, now);
        TreeSet<String> candidates = index.start(trusted);
        try {
            for (String accountId = candidates.pollFirst(); accountId != null; accountId = candidates.pollFirst()) {
                index.assessing(accountId);
                if (!trusted(accountId, now)) {
                    index.notJudged(accountId);
                    continue;
                }
                AccountRisk risk = margin.assess(accountId);
                if (risk.equity().compareTo(risk.maintenanceMarginRequirement()) < 0) {
                    liquidate(accountId, risk, sequence, now, events);
                    index.afterLiquidation(trusted);
                    if (markets.all().stream().noneMatch(trusted)) {
                        index.nothingTrusted();
                    }
                }
            }
        } finally {
            index.finish();
        }
    }

    /** The reference: every account with a position, assessed in id order. */
    private void checkEveryAccount(long sequence, long now, List<Event> events) {
        List<String> accounts = new ArrayList<>();
        for (Map.Entry<String, Portfolio> e : portfolios.entries()) {
            if (!e.getKey().equals(Ledger.LIQUIDATOR_VAULT)
                    && e.getValue().positions().stream().anyMatch(p -> !p.isFlat())) {
                accounts.add(e.getKey());
            }
        }
        for (String accountId : accounts) {
            if (!trusted(accountId, now)) {
                continue;
            }
            AccountRisk risk = margin.assess(accountId);
            if (risk.equity().compareTo(risk.maintenanceMarginRequirement()) < 0) {
                liquidate(accountId, risk, sequence, now, events);
            }
        }
    }

    /**
     * Every market the account holds is OPEN, with a healthy price and liquidations not paused there: a
     * liquidation closes all its positions, so one paused market holds the account's liquidation.
     */
    private boolean trusted(String accountId, long now) {
        for (Position p : portfolios.get(accountId).orElseThrow().positions()) {
            if (!p.isFlat() && !trusted(markets.get(p.market()).orElseThrow(), now)) {
                return false;
            }
        }
        return true;
    }

    /** The market is OPEN, its price healthy and liquidations not paused there. */
    private boolean trusted(Market m, long now) {
        return status.state().stricter(m.state()) == TradingState.OPEN
                && m.priceHealthy(now)
                && !breaker.paused(m.spec().market());
    }

    /** What the breaker counts of one position: its notional at mark and its share of open interest. */
    private record BreakerEntry(String market, BigDecimal notional, BigDecimal share) {}

    private void liquidate(String accountId, AccountRisk before, long sequence, long now, List<Event> events) {
        List<BreakerEntry> entries = breakerEntries(accountId);
        orders.cancelAccount(accountId, CancelReason.LIQUIDATION, sequence, now, events);
        Portfolio portfolio = portfolios.get(accountId).orElseThrow();
        List<Position> open =
                portfolio.positions().stream().filter(p -> !p.isFlat()).toList();
        // Bad debt is negative equity (fees are capped by what is left, never owed): the vault covers it if it can.
        BigDecimal equity = margin.assess(accountId).equity();
        boolean vaultCovers =
                equity.signum() >= 0 || ledger.balance(Ledger.LIQUIDATOR_VAULT).compareTo(equity.negate()) >= 0;
        for (Position p : open) {
            Market m = markets.get(p.market()).orElseThrow();
            BigDecimal size = p.size(m.spec().stepSize());
            if (vaultCovers) {
                takeOver(accountId, p, m, size, before, now, events);
            } else {
                autoDeleverage.close(accountId, p, m, size, before, now, events);
            }
        }
        for (BreakerEntry e : entries) {
            String tripped = breaker.record(now, e.market(), accountId, e.notional(), e.share());
            if (!tripped.isEmpty()) {
                events.add(new LiquidationsPaused(tripped, e.market()));
            }
        }
    }

    /** The account's positions as the breaker counts them, taken before the liquidation closes them. */
    private List<BreakerEntry> breakerEntries(String accountId) {
        List<BreakerEntry> entries = new ArrayList<>();
        for (Position p : portfolios.get(accountId).orElseThrow().positions()) {
            if (!p.isFlat()) {
                Market m = markets.get(p.market()).orElseThrow();
                long steps = Math.abs(p.sizeSteps());
                entries.add(new BreakerEntry(
                        p.market(),
                        Position.notional(m.markPrice(), steps, m.spec().stepSize()),
                        openInterestShare(m, steps)));
            }
        }
        return entries;
    }

    private void takeOver(
            String accountId, Position p, Market m, BigDecimal size, AccountRisk before, long now, List<Event> events) {
        long steps = Math.abs(p.sizeSteps());
        Side accountSide = p.sizeSteps() > 0 ? Side.BUY : Side.SELL;
        BigDecimal price = takeoverPrice(m, p.sizeSteps());
        BigDecimal step = m.spec().stepSize();
        String ref = "liquidation:" + accountId + ":" + m.spec().market();
        settlement.settle(accountId, p.fill(accountSide.opposite(), steps, price, step), ref, events);
        Position vault =
                portfolios.open(Ledger.LIQUIDATOR_VAULT).position(m.spec().market());
        settlement.settle(Ledger.LIQUIDATOR_VAULT, vault.fill(accountSide, steps, price, step), ref, events);
        PositionSettlement.positionChanged(accountId, m, p, events);
        PositionSettlement.positionChanged(Ledger.LIQUIDATOR_VAULT, m, vault, events);
        BigDecimal available = ledger.balance(accountId).max(BigDecimal.ZERO);
        BigDecimal fee = fee(m, steps, price).min(available);
        if (fee.signum() > 0) {
            events.add(ledger.transfer(accountId, Ledger.LIQUIDATOR_VAULT, fee, TransferKind.LIQUIDATION_FEE, ref));
        }
        BigDecimal badDebt = ledger.balance(accountId).signum() < 0 && flat(accountId)
                ? ledger.balance(accountId).negate()
                : Decimals.usd(BigDecimal.ZERO);
        if (badDebt.signum() > 0) {
            events.add(ledger.transfer(Ledger.LIQUIDATOR_VAULT, accountId, badDebt, TransferKind.BAD_DEBT_COVER, ref));
        }
        events.add(new Liquidated(
                accountId,
                m.spec().market(),
                size,
                price,
                m.markPrice(),
                m.indexPrice(),
                before.equity(),
                before.maintenanceMarginRequirement(),
                fee,
                badDebt,
                m.priceHealthy(now),
                false));
    }

    private boolean flat(String accountId) {
        return portfolios.get(accountId).orElseThrow().positions().stream().allMatch(Position::isFlat);
    }

    /** The mark on the tick grid, rounded against the account: a long is taken lower, a short higher. */
    private static BigDecimal takeoverPrice(Market m, long sizeSteps) {
        RoundingMode against = sizeSteps > 0 ? RoundingMode.FLOOR : RoundingMode.CEILING;
        BigDecimal tick = m.spec().tickSize();
        return m.markPrice().divide(tick, 0, against).multiply(tick).max(tick);
    }

    /** liquidationFee × notional, rounded up to the ledger unit (a charge). */
    private static BigDecimal fee(Market m, long steps, BigDecimal price) {
        return Position.notional(price, steps, m.spec().stepSize())
                .multiply(m.spec().liquidationFee())
                .setScale(Decimals.USD_SCALE, RoundingMode.CEILING);
    }

    private BigDecimal openInterestShare(Market m, long steps) {
        long longSteps = portfolios.openInterestSteps(m.spec().market());
        return longSteps == 0
                ? BigDecimal.ONE
                : BigDecimal.valueOf(steps).divide(BigDecimal.valueOf(longSteps), 12, RoundingMode.HALF_EVEN);
    }
}
