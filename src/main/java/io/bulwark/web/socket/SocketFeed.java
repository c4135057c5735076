package io.bulwark.web.socket;

import io.bulwark.engine.event.ApiKeyRevoked;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.MaintenanceCancelled;
import io.bulwark.engine.event.MaintenanceCompleted;
import io.bulwark.engine.event.MaintenanceScheduled;
import io.bulwark.engine.event.MaintenanceStarted;
import io.bulwark.engine.event.MarketCreated;
import io.bulwark.engine.event.RolledBack;
import io.bulwark.engine.event.TradingStateChanged;
import io.bulwark.engine.event.Transferred;
import io.bulwark.engine.ledger.Ledger;
import io.bulwark.engine.money.Decimals;
import io.bulwark.engine.state.TradingState;
import io.bulwark.journal.Committed;
import io.bulwark.journal.EngineGateway;
import io.bulwark.journal.JournalListener;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * Turns committed events into channel messages, on the journal thread: balances to the account channel of
 * each trading account a transfer touches, trading-state changes to the status channel. It also keeps
 * the known markets and revokes sessions' keys, and tells the market channels how far the journal has
 * been published (once every listener is done with a batch).
 */
final class SocketFeed implements JournalListener {
    private final StatusChannel status;
    private final AccountChannel accounts;
    private final MarketChannels marketChannels;
    private final KnownMarkets markets;
    private final ClientRequests requests;

    SocketFeed(
            StatusChannel status,
            AccountChannel accounts,
            MarketChannels marketChannels,
            KnownMarkets markets,
            ClientRequests requests) {
        this.status = status;
        this.accounts = accounts;
        this.marketChannels = marketChannels;
        this.markets = markets;
        this.requests = requests;
    }

    /** {@code balance} on the account channel. {@code change} is signed: negative when money left. */
    record BalanceMessage(String balance, String change, String kind, String reference) {}

    /** {@code state} on the status channel; {@code market} is null for the exchange as a whole. */
    record StateMessage(String market, TradingState from, TradingState to, String reason, boolean forced) {}

    /** {@code rollback} on the status channel: the state was restored to that snapshot, under a new epoch. */
    record RollbackMessage(long epoch, String snapshotId, long snapshotSequence, String reason) {}
    /**
     * {@code maintenance} on the status channel: a window was scheduled, cancelled, started (ACTIVE: the
     * exchange went CLOSED unless it was already) or completed. Instants in ISO-8601.
     */
    record MaintenanceMessage(String windowId, String start, String end, String reason, String status) {
        static MaintenanceMessage of(String windowId, long start, long end, String reason, String status) {
            return new MaintenanceMessage(
                    windowId,
                    Instant.ofEpochMilli(start).toString(),
                    Instant.ofEpochMilli(end).toString(),
                    reason,
                    status);
        }
    }

    @Override
    public void onCommitted(List<Committed> batch) {
        for (Committed committed : batch) {
            for (Event event : committed.events()) {
                publish(committed, event);
            }
        }
    }

    @Override
    public void onPublished(long sequence) {
        marketChannels.publishedThrough(sequence);
    }

    private void publish(Committed c, Event event) {
        switch (event) {
            case Transferred t -> {
                balance(c, t.from(), t.fromBalance(), t.amount().negate(), t);
                balance(c, t.to(), t.toBalance(), t.amount(), t);
            }
            case TradingStateChanged s ->
                status.publish(
                        "state",
                        c.sequence(),
                        c.timestamp(),
                        new StateMessage(
                                s.market().isEmpty() ? null : s.market(), s.from(), s.to(), s.reason(), s.forced()));
            case RolledBack r ->
                status.publish(
                        "rollback",
                        c.sequence(),
                        c.timestamp(),
                        new RollbackMessage(r.epoch(), r.snapshotId(), r.snapshotSequence(), r.reason()));
            case MaintenanceScheduled m -> maintenance(c, m.windowId(), m.start(), m.end(), m.reason(), "SCHEDULED");
            case MaintenanceStarted m -> maintenance(c, m.windowId(), m.start(), m.end(), m.reason(), "ACTIVE");
            case MaintenanceCancelled m -> maintenance(c, m.windowId(), m.start(), m.end(), m.reason(), "CANCELLED");
            case MaintenanceCompleted m -> maintenance(c, m.windowId(), m.start(), m.end(), m.reason(), "COMPLETED");
            case MarketCreated m -> markets.add(m.spec().market());
            case ApiKeyRevoked r -> requests.revoked(r.keyId());
            default -> {}
        }
    }

    private void maintenance(Committed c, String windowId, long start, long end, String reason, String state) {
        status.publish(
                "maintenance", c.sequence(), c.timestamp(), MaintenanceMessage.of(windowId, start, end, reason, state));
    }

    private void balance(Committed c, String accountId, BigDecimal balance, BigDecimal change, Transferred t) {
        if (!Ledger.isSystemAccount(accountId)) {
            BalanceMessage message = new BalanceMessage(
                    Decimals.plain(balance), Decimals.plain(change), t.kind().name(), t.reference());
            accounts.publish(accountId, "balance", c.sequence(), c.timestamp(), message);
        }
    }

    @Override
    public void onRecovered(EngineGateway gateway) {
        markets.replaceWith(gateway.query(
                view -> view.markets().stream().map(m -> m.spec().market()).toList()));
    }
}
