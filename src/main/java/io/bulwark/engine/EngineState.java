package io.bulwark.engine;

import io.bulwark.engine.account.Accounts;
import io.bulwark.engine.desk.refund.PaidIncidents;
import io.bulwark.engine.desk.trading.LiveOrders;
import io.bulwark.engine.ledger.Ledger;
import io.bulwark.engine.liquidation.CircuitBreaker;
import io.bulwark.engine.maintenance.MaintenanceWindows;
import io.bulwark.engine.order.CancelAfterDeadlines;
import io.bulwark.engine.position.Portfolios;
import io.bulwark.engine.snapshot.CanonicalReader;
import io.bulwark.engine.snapshot.CanonicalWriter;
import io.bulwark.engine.snapshot.CorruptSnapshotException;
import io.bulwark.engine.state.ExchangeStatus;
import io.bulwark.engine.state.Limits;
import io.bulwark.engine.state.Markets;
import io.bulwark.engine.state.RuleSet;

/**
 * Everything the engine keeps, and its canonical bytes: {@link #serialize} writes the parts in a fixed
 * order that {@link #restore} reads back (the snapshot format; never reorder it, the state hash is its
 * SHA-256). The desks are built over these parts by {@link Engine}.
 */
final class EngineState {
    /**
     * 2 added maintenance windows at the end; a version-1 snapshot restores with none. 3 (v2 safety)
     * added per-component fields that readers take only when {@link CanonicalReader#formatVersion()}
     * is at least 3. 4 (v2 keys) added each API key's grant: scopes, allowed addresses, expiry, label,
     * creation time and hash scheme (older snapshots restore every key as {@code KeyGrant.LEGACY}).
     * is at least 3. 5 (bounded state) added the engine's limits at the end, the end time of each
     * remembered client order id and the last update time of each oracle source. 6 (v2 dead man's switch)
     * added each account's cancel-after deadline at the end (older snapshots restore with none armed).
     */
    static final int FORMAT_VERSION = 6;

    long lastSequence;
    long clock;
    /** Funding premium sample period, set by each StartEngine from BULWARK_FUNDING_SAMPLE_SECONDS. */
    long fundingSampleMillis = 60_000;
    /** As read from a snapshot, for the transition desk; the desk keeps the live value. */
    long minPostOnlyMillis;

    final Markets markets;
    final Accounts accounts;
    final Ledger ledger;
    final ExchangeStatus status;
    final Portfolios portfolios;
    final LiveOrders liveOrders;
    final CircuitBreaker breaker;
    final PaidIncidents paidIncidents;
    final MaintenanceWindows windows;
    final RuleSet rules;
    final Limits limits;
    final CancelAfterDeadlines cancelAfter;

    /** A new exchange. */
    EngineState() {
        this(
                new Markets(),
                new Accounts(),
                new Ledger(),
                new ExchangeStatus(),
                new Portfolios(),
                new LiveOrders(),
                new CircuitBreaker(),
                new PaidIncidents(),
                new MaintenanceWindows(),
                new RuleSet(RuleSet.CURRENT),
                new Limits(),
                new CancelAfterDeadlines());
    }

    private EngineState(
            Markets markets,
            Accounts accounts,
            Ledger ledger,
            ExchangeStatus status,
            Portfolios portfolios,
            LiveOrders liveOrders,
            CircuitBreaker breaker,
            PaidIncidents paidIncidents,
            MaintenanceWindows windows,
            RuleSet rules,
            Limits limits,
            CancelAfterDeadlines cancelAfter) {
        this.markets = markets;
        this.accounts = accounts;
        this.ledger = ledger;
        this.status = status;
        this.portfolios = portfolios;
        this.liveOrders = liveOrders;
        this.breaker = breaker;
        this.paidIncidents = paidIncidents;
        this.windows = windows;
        this.rules = rules;
        this.limits = limits;
        this.cancelAfter = cancelAfter;
    }

    /** The whole state in canonical bytes; {@code minPostOnlyMillis} is the transition desk's. */
    byte[] serialize(long minPostOnlyMillis) {
        return freeze(minPostOnlyMillis).bytes();
    }

    /**
     * The whole state, frozen: the parts that grow without bound (the deposits) are captured as immutable
     * views in O(1), the rest is written now; {@link CanonicalWriter.Frozen#bytes()} gives exactly the bytes
     * {@link #serialize} would have given at this point, whenever and on whichever thread it runs.
     */
    CanonicalWriter.Frozen freeze(long minPostOnlyMillis) {
        CanonicalWriter out = new CanonicalWriter();
        out.writeInt(FORMAT_VERSION)
                .writeLong(lastSequence)
                .writeLong(clock)
                .writeLong(fundingSampleMillis)
                .writeLong(minPostOnlyMillis);
        status.writeTo(out);
        markets.writeTo(out);
        accounts.writeTo(out);
        ledger.writeTo(out);
        portfolios.writeTo(out);
        liveOrders.writeTo(out, markets);
        breaker.writeTo(out);
        paidIncidents.writeTo(out);
        windows.writeTo(out);
        out.writeInt(rules.version());
        limits.writeTo(out);
        cancelAfter.writeTo(out);
        return out.freeze();
    }

    /** Reads {@link #serialize} output back. */
    static EngineState restore(byte[] data) {
        CanonicalReader in = new CanonicalReader(data);
        int version = in.readInt();
        if (version < 1 || version > FORMAT_VERSION) {
            throw new CorruptSnapshotException("unsupported snapshot format " + version, null);
        }
        in.formatVersion(version);
        long lastSequence = in.readLong();
        long clock = in.readLong();
        long fundingSampleMillis = in.readLong();
        long minPostOnlyMillis = in.readLong();
        ExchangeStatus status = ExchangeStatus.readFrom(in);
        Markets markets = Markets.readFrom(in);
        Accounts accounts = Accounts.readFrom(in);
        Ledger ledger = Ledger.readFrom(in);
        Portfolios portfolios = Portfolios.readFrom(in);
        LiveOrders liveOrders = LiveOrders.readFrom(in, markets, portfolios);
        CircuitBreaker breaker = CircuitBreaker.readFrom(
                in, markets.all().stream().map(m -> m.spec().market()).toList());
        PaidIncidents paidIncidents = version == 1 ? new PaidIncidents() : PaidIncidents.readFrom(in);
        MaintenanceWindows windows = version == 1 ? new MaintenanceWindows() : MaintenanceWindows.readFrom(in);
        // Snapshots before format 3 were written by builds that applied the version-1 rules.
        RuleSet rules = new RuleSet(version >= 3 ? in.readInt() : 1);
        Limits limits = Limits.readFrom(in);
        CancelAfterDeadlines cancelAfter = CancelAfterDeadlines.readFrom(in);
        EngineState state = new EngineState(
                markets,
                accounts,
                ledger,
                status,
                portfolios,
                liveOrders,
                breaker,
                paidIncidents,
                windows,
                rules,
                limits,
                cancelAfter);
        state.lastSequence = lastSequence;
        state.clock = clock;
        state.fundingSampleMillis = fundingSampleMillis;
        state.minPostOnlyMillis = minPostOnlyMillis;
        markets.useOracleRules(rules);
        markets.useSourceRetention(limits.oracleSourceRetentionMillis(), clock);
        in.expectEnd();
        return state;
    }
}
