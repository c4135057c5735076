package io.bulwark.engine;

import io.bulwark.engine.command.AmendOrder;
import io.bulwark.engine.command.ArmCancelAfter;
import io.bulwark.engine.command.CancelMaintenance;
import io.bulwark.engine.command.CancelOrder;
import io.bulwark.engine.command.CancelOrders;
import io.bulwark.engine.command.ChangeTradingState;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.command.CreateAccount;
import io.bulwark.engine.command.CreateMarket;
import io.bulwark.engine.command.Deposit;
import io.bulwark.engine.command.IssueApiKey;
import io.bulwark.engine.command.PayRefunds;
import io.bulwark.engine.command.PlaceOrder;
import io.bulwark.engine.command.PostOraclePrices;
import io.bulwark.engine.command.ReanchorOracle;
import io.bulwark.engine.command.RecordSnapshot;
import io.bulwark.engine.command.Rejection;
import io.bulwark.engine.command.ResumeFunding;
import io.bulwark.engine.command.ResumeLiquidations;
import io.bulwark.engine.command.RevokeApiKey;
import io.bulwark.engine.command.RollBack;
import io.bulwark.engine.command.ScheduleMaintenance;
import io.bulwark.engine.command.SetOracleSourceState;
import io.bulwark.engine.command.StartEngine;
import io.bulwark.engine.command.TakeSnapshot;
import io.bulwark.engine.command.Tick;
import io.bulwark.engine.command.UpdateMarket;
import io.bulwark.engine.command.Withdraw;
import io.bulwark.engine.desk.account.AccountDesk;
import io.bulwark.engine.desk.funding.FundingDesk;
import io.bulwark.engine.desk.liquidation.LiquidationDesk;
import io.bulwark.engine.desk.maintenance.MaintenanceDesk;
import io.bulwark.engine.desk.market.MarketDesk;
import io.bulwark.engine.desk.oracle.OracleDesk;
import io.bulwark.engine.desk.refund.RefundDesk;
import io.bulwark.engine.desk.trading.DeadMansSwitch;
import io.bulwark.engine.desk.trading.OrderDesk;
import io.bulwark.engine.desk.transition.TransitionDesk;
import io.bulwark.engine.event.EngineStarted;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.FundingPaid;
import io.bulwark.engine.event.MaintenanceStarted;
import io.bulwark.engine.event.OraclePriceAccepted;
import io.bulwark.engine.event.OracleReanchored;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.event.SnapshotRecorded;
import io.bulwark.engine.event.SnapshotTaken;
import io.bulwark.engine.event.Traded;
import io.bulwark.engine.snapshot.CanonicalWriter;
import io.bulwark.engine.state.Market;
import io.bulwark.engine.state.TradingState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The only code that changes exchange state. {@link #apply} is deterministic: the same commands with
 * the same timestamps always give the same events and the same {@link #stateHash()}. A rejected
 * command changes nothing. Not thread-safe: one engine thread owns an engine. It hands each command to
 * the desk for it (engine.desk); the state lives in {@link EngineState}, the reads in {@link EngineReads}.
 */
public final class Engine extends EngineReads {
    private final OrderDesk orders;
    private final AccountDesk accountDesk;
    private final MarketDesk marketDesk;
    private final TransitionDesk transitions;
    private final FundingDesk funding;
    private final LiquidationDesk liquidations;
    private final RefundDesk refunds;
    private final MaintenanceDesk maintenance;
    private final OracleDesk oracle;
    private final DeadMansSwitch deadMansSwitch;

    public Engine() {
        this(new EngineState());
    }

    /**
     * A new engine applying an older version of the rules, as a journal of an older build replays (tests:
     * GoldenStreamTests keeps the outcomes recorded before rules version 3).
     */
    static Engine underRules(int version) {
        Engine engine = new Engine();
        engine.state.rules.use(version);
        engine.state.markets.useOracleRules(engine.state.rules);
        return engine;
    }

    /**
     * An engine whose liquidation check assesses every account with a position after every risk-moving
     * command, the reference the indexed check is tested against (LiquidationIndexEquivalenceTests).
     */
    static Engine withFullLiquidationScan() {
        Engine engine = new Engine();
        engine.liquidations.useFullScan();
        return engine;
    }

    private Engine(EngineState s) {
        super(s);
        this.orders = new OrderDesk(
                s.markets, s.portfolios, s.liveOrders, s.status, margin, s.ledger, s.breaker, s.rules, s.limits);
        this.funding = new FundingDesk(s.markets, s.portfolios, s.ledger);
        this.accountDesk =
                new AccountDesk(s.accounts, s.ledger, s.portfolios, s.status, margin, orders.exposure(), s.rules);
        this.marketDesk = new MarketDesk(s.markets, s.portfolios, s.status);
        this.transitions = new TransitionDesk(s.status, s.markets, s.portfolios, s.ledger, orders);
        this.liquidations = new LiquidationDesk(s.markets, s.portfolios, s.ledger, margin, s.status, s.breaker, orders);
        this.refunds = new RefundDesk(s.accounts, s.ledger, s.paidIncidents);
        this.maintenance = new MaintenanceDesk(s.windows, s.status, transitions);
        this.oracle = new OracleDesk(s.markets, s.accounts);
        this.deadMansSwitch = new DeadMansSwitch(s.portfolios, orders, s.cancelAfter);
    }

    /**
     * Applies one command stamped with {@code timestamp} (epoch milliseconds). Time never runs
     * backwards inside the engine: an older stamp is read as the current engine time.
     */
    public Outcome apply(Command command, long timestamp) {
        long now = Math.max(state.clock, timestamp);
        List<Event> events = new ArrayList<>(4);
        Optional<Outcome> refusal = dispatch(command, now, events);
        if (refusal.isEmpty() && movesRisk(events)) {
            liquidations.check(state.lastSequence + 1, now, events);
        }
        if (refusal.isPresent()) {
            return refusal.get();
        }
        orders.forgetEnded(now);
        state.markets.all().forEach(m -> m.confirmPriceHealth(now));
        publicViews.note(events);
        state.lastSequence++;
        state.clock = now;
        byte[] snapshot = new byte[0];
        Optional<String> snapshotReason = snapshotReason(command, events);
        if (snapshotReason.isPresent()) {
            snapshot = serialize();
            events.add(new SnapshotTaken(CanonicalWriter.sha256(snapshot), snapshotReason.get()));
        }
        return new Outcome.Applied(state.lastSequence, now, events, snapshot);
    }

    /** Hands the command to the desk for it; a refusal, or empty when it applied (and the events). */
    private Optional<Outcome> dispatch(Command command, long now, List<Event> events) {
        return switch (command) {
            case CreateMarket c -> marketDesk.createMarket(c, events);
            case UpdateMarket c -> marketDesk.updateMarket(c, events);
            case CreateAccount c -> accountDesk.createAccount(c, now, events);
            case IssueApiKey c -> accountDesk.issueKey(c, now, events);
            case RevokeApiKey c -> accountDesk.revokeKey(c, events);
            case Deposit c -> accountDesk.deposit(c, state.lastSequence + 1, events);
            case Withdraw c -> accountDesk.withdraw(c, state.lastSequence + 1, now, events);
            case ChangeTradingState c -> transitions.change(c, state.lastSequence + 1, now, events);
            case TakeSnapshot c -> Optional.empty();
            case RecordSnapshot c -> recordSnapshot(c, events);
            case Tick c -> tick(now, events);
            case PlaceOrder c -> orders.place(c.canonical(), state.lastSequence + 1, now, events);
            case CancelOrder c -> orders.cancel(c, state.lastSequence + 1, now, events);
            case CancelOrders c -> orders.cancelAll(c, state.lastSequence + 1, now, events);
            case AmendOrder c -> orders.amend(c.canonical(), state.lastSequence + 1, now, events);
            case PostOraclePrices c -> prices(moved -> oracle.post(c, now, events, moved), now, events);
            case SetOracleSourceState c -> prices(moved -> oracle.setSourceState(c, now, events, moved), now, events);
            case ReanchorOracle c -> prices(moved -> oracle.reanchor(c, now, events, moved), now, events);
            case StartEngine c -> startEngine(c, now, events);
            case ResumeLiquidations c -> liquidations.resume(c, events);
            case ResumeFunding c -> funding.resume(c, events);
            case RollBack c -> transitions.rollBack(c, state.lastSequence + 1, now, events);
            case PayRefunds c -> refunds.pay(c, state.lastSequence + 1, events);
            case ScheduleMaintenance c -> maintenance.schedule(c, now, events);
            case CancelMaintenance c -> maintenance.cancel(c, events);
            case ArmCancelAfter c -> deadMansSwitch.arm(c, now);
        };
    }

    /**
     * Re-applies a journaled command at its recorded sequence. Sequences may have gaps (commands
     * reverted by a rollback are skipped); a command that no longer applies still consumes its
     * sequence, so later rows stay aligned, and the caller reports the disagreement.
     */
    public Outcome replay(long sequence, long timestamp, Command command) {
        if (sequence <= state.lastSequence) {
            throw new IllegalArgumentException("sequence " + sequence + " is not after " + state.lastSequence);
        }
        state.lastSequence = sequence - 1;
        Outcome outcome = apply(command, timestamp);
        if (!(outcome instanceof Outcome.Applied)) {
            state.lastSequence = sequence;
        }
        return outcome;
    }

    /**
     * What anyone may read, as of {@link #lastSequence()}: built from the previous public view, copying again
     * only what moved (see {@link PublicViews}). Call it on the engine thread, after a batch of commands.
     */
    public PublicView publicView() {
        return publicViews.build(state.lastSequence, state.clock);
    }

    /** Oracle commands: then the triggers of every market whose index moved. */
    private Optional<Outcome> prices(
            Function<SortedSet<String>, Optional<Outcome>> command, long now, List<Event> events) {
        SortedSet<String> moved = new TreeSet<>();
        Optional<Outcome> refusal = command.apply(moved);
        if (refusal.isEmpty()) {
            moved.forEach(market ->
                    orders.onPriceChange(state.markets.get(market).orElseThrow(), state.lastSequence + 1, now, events));
        }
        return refusal;
    }

    /**
     * Whether a maintenance window starts or ends at {@code timestamp}: the sequencer then applies a
     * Tick first, so the first command stamped at or after a window's start finds the exchange CLOSED.
     * Also when a dead man's switch deadline has passed, so it fires before that command.
     */
    public boolean maintenanceDue(long timestamp) {
        long now = Math.max(state.clock, timestamp);
        return maintenance.due(now) || deadMansSwitch.due(now);
    }

    private Optional<Outcome> tick(long now, List<Event> events) {
        state.markets.forgetSilentSources(now);
        maintenance.onTick(state.lastSequence + 1, now, events);
        deadMansSwitch.onTick(state.lastSequence + 1, now, events);
        orders.onTick(state.lastSequence + 1, now, events);
        for (Market m : state.markets.all()) {
            boolean open = state.status.state().stricter(m.state()) == TradingState.OPEN;
            funding.onTick(m, open, now, state.fundingSampleMillis, events);
        }
        return Optional.empty();
    }

    /** Journals an earlier sequence's state hash (a periodic snapshot made off the engine thread); changes nothing. */
    private Optional<Outcome> recordSnapshot(RecordSnapshot c, List<Event> events) {
        if (c.snapshotSequence() < 0 || c.snapshotSequence() > state.lastSequence) {
            return Optional.of(new Outcome.Rejected(Rejection.of(
                    Rejection.Code.VALIDATION_FAILED,
                    "snapshot sequence " + c.snapshotSequence() + " is not applied yet")));
        }
        events.add(new SnapshotRecorded(c.snapshotSequence(), c.stateHash(), c.reason()));
        return Optional.empty();
    }

    /** A fill, a new or re-anchored price or a funding payment can push an account below maintenance. */
    private static boolean movesRisk(List<Event> events) {
        for (Event e : events) {
            if (e instanceof Traded
                    || e instanceof OraclePriceAccepted
                    || e instanceof OracleReanchored
                    || e instanceof FundingPaid) {
                return true;
            }
        }
        return false;
    }

    /**
     * A TakeSnapshot, and every entry into CLOSED but the one an unverified recovery imposes (by an
     * admin, or by a maintenance window's start).
     */
    private static Optional<String> snapshotReason(Command command, List<Event> events) {
        for (Event e : events) {
            if (e instanceof MaintenanceStarted started && started.closedExchange()) {
                return Optional.of(
                        "pre-maintenance: maintenance window " + started.windowId() + ": " + started.reason());
            }
        }
        return switch (command) {
            case TakeSnapshot take -> Optional.of(take.reason());
            case ChangeTradingState c
            when c.state() == TradingState.CLOSED
                    && !c.actor().equals(ChangeTradingState.RECOVERY)
                    && !c.actor().equals(ChangeTradingState.INTEGRITY) -> Optional.of("pre-maintenance: " + c.reason());
            default -> Optional.empty();
        };
    }

    private Optional<Outcome> startEngine(StartEngine c, long now, List<Event> events) {
        state.rules.use(c.rules());
        state.limits.use(
                c.maxOpenOrders(),
                c.restingBandBps(),
                c.clientOrderIdRetentionSeconds(),
                c.oracleSourceRetentionSeconds());
        orders.limitsChanged(now);
        state.markets.useSourceRetention(state.limits.oracleSourceRetentionMillis(), now);
        transitions.configure(c.minPostOnlySeconds());
        state.breaker.configure(c.breakerMaxAccounts(), c.breakerMaxOpenInterestBps(), c.breakerMinNotional());
        if (c.fundingSampleSeconds() > 0) {
            state.fundingSampleMillis = Math.multiplyExact(c.fundingSampleSeconds(), 1000L);
        }
        state.markets.useOracleRules(state.rules);
        state.markets.all().forEach(m -> m.oracle().distrust());
        events.add(new EngineStarted(c.instance()));
        return Optional.empty();
    }

    /** The whole state in canonical bytes. */
    public byte[] serialize() {
        return state.serialize(transitions.minPostOnlyMillis());
    }

    /**
     * The whole state as of {@link #lastSequence()}, frozen cheaply (see {@link FrozenState}): its bytes may be
     * made later, on another thread, while this engine keeps applying commands.
     */
    public FrozenState freeze() {
        return new FrozenState(state.lastSequence, state.freeze(transitions.minPostOnlyMillis()));
    }

    /** {@link #restore}, for the reference of the equivalence tests (see {@link #withFullLiquidationScan}). */
    static Engine restoreWithFullLiquidationScan(byte[] data) {
        Engine engine = restore(data);
        engine.liquidations.useFullScan();
        return engine;
    }

    /** Rebuilds an engine from {@link #serialize()} output. */
    public static Engine restore(byte[] data) {
        EngineState state = EngineState.restore(data);
        Engine engine = new Engine(state);
        engine.transitions.restoreMinPostOnlyMillis(state.minPostOnlyMillis);
        return engine;
    }

    @Override
    public String stateHash() {
        return CanonicalWriter.sha256(serialize());
    }
}
