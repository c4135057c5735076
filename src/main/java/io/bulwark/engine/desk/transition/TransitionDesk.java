package io.bulwark.engine.desk.transition;

import static io.bulwark.engine.command.Rejection.Code.INVALID_TRANSITION;
import static io.bulwark.engine.command.Rejection.Code.UNKNOWN_MARKET;
import static io.bulwark.engine.event.Outcome.reject;

import io.bulwark.engine.command.ChangeTradingState;
import io.bulwark.engine.command.RollBack;
import io.bulwark.engine.desk.OrderCancels;
import io.bulwark.engine.desk.TradingStateChanges;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.event.RolledBack;
import io.bulwark.engine.event.TradingStateChanged;
import io.bulwark.engine.ledger.Ledger;
import io.bulwark.engine.order.CancelReason;
import io.bulwark.engine.order.OrderStatus;
import io.bulwark.engine.position.Portfolios;
import io.bulwark.engine.state.ExchangeStatus;
import io.bulwark.engine.state.Market;
import io.bulwark.engine.state.Markets;
import io.bulwark.engine.state.TradingState;
import java.util.List;
import java.util.Optional;

/**
 * Moves the exchange or one market between CLOSED, POST_ONLY and OPEN by the table in
 * {@link TransitionRule}. Entering CLOSED cancels every live order in scope except untriggered
 * stop/take-profit orders (MAINTENANCE); the caller then takes the pre-maintenance snapshot.
 */
public final class TransitionDesk implements TradingStateChanges {
    private final ExchangeStatus status;
    private final Markets markets;
    private final Portfolios portfolios;
    private final Ledger ledger;
    private final OrderCancels orders;
    private long minPostOnlyMillis = 120_000;

    public TransitionDesk(
            ExchangeStatus status, Markets markets, Portfolios portfolios, Ledger ledger, OrderCancels orders) {
        this.status = status;
        this.markets = markets;
        this.portfolios = portfolios;
        this.ledger = ledger;
        this.orders = orders;
    }

    public void configure(long minPostOnlySeconds) {
        if (minPostOnlySeconds > 0) {
            minPostOnlyMillis = Math.multiplyExact(minPostOnlySeconds, 1000L);
        }
    }

    public long minPostOnlyMillis() {
        return minPostOnlyMillis;
    }

    public void restoreMinPostOnlyMillis(long millis) {
        minPostOnlyMillis = millis;
    }

    /** Applies the change; returns a refusal, or empty (and the events) when it happened. */
    @Override
    public Optional<Outcome> change(ChangeTradingState c, long sequence, long now, List<Event> events) {
        boolean exchange = c.market().equals(ChangeTradingState.EXCHANGE);
        Optional<Market> market = exchange ? Optional.empty() : markets.get(c.market());
        if (!exchange && market.isEmpty()) {
            return reject(UNKNOWN_MARKET, "no market " + c.market());
        }
        TradingState from = exchange ? status.state() : market.get().state();
        long since = exchange ? status.since() : market.get().stateSince();
        Optional<String> unmet = unmet(TransitionRule.of(from, c.state()), c, market, now - since, now);
        if (unmet.isPresent() && !c.forced()) {
            return reject(INVALID_TRANSITION, from + " -> " + c.state() + ": " + unmet.get() + " (force to override)");
        }
        if (exchange) {
            status.change(c.state(), now, c.reason());
        } else {
            market.get().changeState(c.state(), now);
        }
        events.add(new TradingStateChanged(c.market(), from, c.state(), c.reason(), c.actor(), c.forced()));
        if (c.state() == TradingState.CLOSED) {
            orders.cancelWhere(
                    o -> (exchange || o.market.equals(c.market())) && o.status() != OrderStatus.UNTRIGGERED,
                    CancelReason.MAINTENANCE,
                    sequence,
                    now,
                    events);
        }
        return Optional.empty();
    }

    /**
     * Applied to the state restored from a snapshot: CLOSED with a new epoch; the orders open at the
     * snapshot are cancelled (ROLLBACK) except untriggered stop/take-profit orders, as on entering CLOSED.
     */
    public Optional<Outcome> rollBack(RollBack c, long sequence, long now, List<Event> events) {
        TradingState from = status.state();
        long highestEpoch = c.highestEpoch() == null ? 0 : c.highestEpoch();
        status.rollBack(now, "rollback to " + c.snapshotId() + ": " + c.reason(), highestEpoch);
        events.add(new RolledBack(c.snapshotId(), c.snapshotSequence(), status.epoch(), c.reason(), c.actor()));
        if (from != TradingState.CLOSED) {
            events.add(new TradingStateChanged(
                    ChangeTradingState.EXCHANGE, from, TradingState.CLOSED, status.reason(), c.actor(), false));
        }
        orders.cancelWhere(o -> o.status() != OrderStatus.UNTRIGGERED, CancelReason.ROLLBACK, sequence, now, events);
        return Optional.empty();
    }

    private Optional<String> unmet(
            TransitionRule rule, ChangeTradingState c, Optional<Market> scope, long inStateMillis, long now) {
        return switch (rule) {
            case ALWAYS -> Optional.empty();
            case FORCE_ONLY -> Optional.of("allowed only with force");
            case MIN_POST_ONLY_TIME ->
                inStateMillis >= minPostOnlyMillis
                        ? Optional.empty()
                        : Optional.of("only " + inStateMillis / 1000 + " s of the required " + minPostOnlyMillis / 1000
                                + " s in POST_ONLY");
            case INTEGRITY_AND_HEALTHY_PRICES -> {
                List<String> problems = IntegrityCheck.problems(ledger, markets, portfolios);
                if (!problems.isEmpty()) {
                    yield Optional.of("integrity checks fail: " + String.join("; ", problems));
                }
                yield unhealthyWithPositions(scope, now)
                        .map(m -> "no healthy price in " + m + ", which has open positions");
            }
        };
    }

    private Optional<String> unhealthyWithPositions(Optional<Market> scope, long now) {
        for (Market m : scope.map(List::of).orElseGet(() -> List.copyOf(markets.all()))) {
            boolean positions = portfolios.hasPositions(m.spec().market());
            if (positions && !m.priceHealthy(now)) {
                return Optional.of(m.spec().market());
            }
        }
        return Optional.empty();
    }
}
