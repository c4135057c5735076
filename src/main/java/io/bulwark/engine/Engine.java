package io.bulwark.engine;

import static io.bulwark.engine.Outcome.reject;
import static io.bulwark.engine.Rejection.Code.UNKNOWN_MARKET;

import io.bulwark.engine.account.Account;
import io.bulwark.engine.account.AccountDesk;
import io.bulwark.engine.account.Accounts;
import io.bulwark.engine.account.ApiKey;
import io.bulwark.engine.book.OrderBook;
import io.bulwark.engine.command.AmendOrder;
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
import io.bulwark.engine.event.EngineStarted;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.FundingPaid;
import io.bulwark.engine.event.FundingResumed;
import io.bulwark.engine.event.LiquidationsResumed;
import io.bulwark.engine.event.MaintenanceStarted;
import io.bulwark.engine.event.OraclePriceAccepted;
import io.bulwark.engine.event.OracleReanchored;
import io.bulwark.engine.event.OrderBookChanged.PriceSize;
import io.bulwark.engine.event.SnapshotTaken;
import io.bulwark.engine.event.Traded;
import io.bulwark.engine.funding.FundingDesk;
import io.bulwark.engine.ledger.Ledger;
import io.bulwark.engine.liquidation.CircuitBreaker;
import io.bulwark.engine.liquidation.LiquidationDesk;
import io.bulwark.engine.maintenance.MaintenanceDesk;
import io.bulwark.engine.maintenance.MaintenanceWindow;
import io.bulwark.engine.maintenance.MaintenanceWindows;
import io.bulwark.engine.market.Market;
import io.bulwark.engine.market.MarketDesk;
import io.bulwark.engine.market.Markets;
import io.bulwark.engine.oracle.OracleDesk;
import io.bulwark.engine.oracle.OracleFeed;
import io.bulwark.engine.oracle.OracleSources;
import io.bulwark.engine.order.Order;
import io.bulwark.engine.order.OrderState;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.position.Portfolios;
import io.bulwark.engine.refund.PaidIncidents;
import io.bulwark.engine.refund.RefundDesk;
import io.bulwark.engine.risk.AccountRisk;
import io.bulwark.engine.risk.MarginCalculator;
import io.bulwark.engine.risk.PositionValuation;
import io.bulwark.engine.risk.PositionView;
import io.bulwark.engine.snapshot.CanonicalReader;
import io.bulwark.engine.snapshot.CanonicalWriter;
import io.bulwark.engine.snapshot.CorruptSnapshotException;
import io.bulwark.engine.state.ExchangeStatus;
import io.bulwark.engine.state.IntegrityCheck;
import io.bulwark.engine.state.Limits;
import io.bulwark.engine.state.RuleSet;
import io.bulwark.engine.state.TradingState;
import io.bulwark.engine.state.TransitionDesk;
import io.bulwark.engine.trading.LiveOrders;
import io.bulwark.engine.trading.OrderDesk;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The only code that changes exchange state. {@link #apply} is deterministic: the same commands with
 * the same timestamps always give the same events and the same {@link #stateHash()}. A rejected
 * command changes nothing. Not thread-safe: one engine thread owns an engine.
 */
public final class Engine implements EngineView {
    /**
     * 2 added maintenance windows at the end; a version-1 snapshot restores with none. 3 (v2 safety)
     * added per-component fields that readers take only when {@link CanonicalReader#formatVersion()}
     * is at least 3. 4 (v2 keys) added each API key's grant: scopes, allowed addresses, expiry, label,
     * creation time and hash scheme (older snapshots restore every key as {@code KeyGrant.LEGACY}).
     * is at least 3. 5 (bounded state) added the engine's limits at the end, the end time of each
     * remembered client order id and the last update time of each oracle source.
     */
    private static final int FORMAT_VERSION = 5;

    private long lastSequence;
    private long clock;
    /** Funding premium sample period, set by each StartEngine from BULWARK_FUNDING_SAMPLE_SECONDS. */
    private long fundingSampleMillis = 60_000;

    private final Markets markets;
    private final Accounts accounts;
    private final Ledger ledger;
    private final ExchangeStatus status;
    private final Portfolios portfolios;
    private final LiveOrders liveOrders;
    private final MarginCalculator margin;
    private final OrderDesk desk;
    private final AccountDesk accountDesk;
    private final MarketDesk marketDesk;
    private final TransitionDesk transitions;
    private final FundingDesk funding;
    private final CircuitBreaker breaker;
    private final LiquidationDesk liquidations;
    private final PaidIncidents paidIncidents;
    private final RefundDesk refunds;
    private final MaintenanceWindows windows;
    private final MaintenanceDesk maintenance;
    private final OracleDesk oracle;
    private final RuleSet rules;
    private final PublicViews publicViews;
    private final Limits limits;

    public Engine() {
        this(
                0,
                0,
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
                new Limits());
    }

    private Engine(
            long lastSequence,
            long clock,
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
            Limits limits) {
        this.rules = rules;
        this.limits = limits;
        this.lastSequence = lastSequence;
        this.clock = clock;
        this.markets = markets;
        this.accounts = accounts;
        this.ledger = ledger;
        this.status = status;
        this.portfolios = portfolios;
        this.liveOrders = liveOrders;
        this.margin = new MarginCalculator(ledger, markets, portfolios);
        this.breaker = breaker;
        this.desk = new OrderDesk(markets, portfolios, liveOrders, status, margin, ledger, breaker, rules, limits);
        this.funding = new FundingDesk(portfolios, ledger);
        this.accountDesk = new AccountDesk(accounts, ledger, portfolios, status, margin, desk.exposure(), rules);
        this.marketDesk = new MarketDesk(markets, portfolios, status);
        this.transitions = new TransitionDesk(status, markets, portfolios, ledger, desk);
        this.liquidations = new LiquidationDesk(markets, portfolios, ledger, margin, status, breaker, desk);
        this.paidIncidents = paidIncidents;
        this.refunds = new RefundDesk(accounts, ledger, paidIncidents);
        this.windows = windows;
        this.maintenance = new MaintenanceDesk(windows, status, transitions);
        this.oracle = new OracleDesk(markets, accounts);
        this.publicViews = new PublicViews(markets, portfolios, status, breaker, windows);
    }

    /**
     * Applies one command stamped with {@code timestamp} (epoch milliseconds). Time never runs
     * backwards inside the engine: an older stamp is read as the current engine time.
     */
    public Outcome apply(Command command, long timestamp) {
        long now = Math.max(clock, timestamp);
        List<Event> events = new ArrayList<>(4);
        Optional<Outcome> refusal = switch (command) {
            case CreateMarket c -> marketDesk.createMarket(c, events);
            case UpdateMarket c -> marketDesk.updateMarket(c, events);
            case CreateAccount c -> accountDesk.createAccount(c, now, events);
            case IssueApiKey c -> accountDesk.issueKey(c, now, events);
            case RevokeApiKey c -> accountDesk.revokeKey(c, events);
            case Deposit c -> accountDesk.deposit(c, lastSequence + 1, events);
            case Withdraw c -> accountDesk.withdraw(c, lastSequence + 1, now, events);
            case ChangeTradingState c -> transitions.change(c, lastSequence + 1, now, events);
            case TakeSnapshot c -> Optional.empty();
            case Tick c -> tick(now, events);
            case PlaceOrder c -> desk.place(c.canonical(), lastSequence + 1, now, events);
            case CancelOrder c -> desk.cancel(c, lastSequence + 1, now, events);
            case CancelOrders c -> desk.cancelAll(c, lastSequence + 1, now, events);
            case AmendOrder c -> desk.amend(c.canonical(), lastSequence + 1, now, events);
            case PostOraclePrices c -> prices(moved -> oracle.post(c, now, events, moved), now, events);
            case SetOracleSourceState c -> prices(moved -> oracle.setSourceState(c, now, events, moved), now, events);
            case ReanchorOracle c -> prices(moved -> oracle.reanchor(c, now, events, moved), now, events);
            case StartEngine c -> startEngine(c, now, events);
            case ResumeLiquidations c -> resumeLiquidations(c, events);
            case ResumeFunding c -> resumeFunding(c, events);
            case RollBack c -> transitions.rollBack(c, lastSequence + 1, now, events);
            case PayRefunds c -> refunds.pay(c, lastSequence + 1, events);
            case ScheduleMaintenance c -> maintenance.schedule(c, now, events);
            case CancelMaintenance c -> maintenance.cancel(c, events);
        };
        if (refusal.isEmpty() && movesRisk(events)) {
            liquidations.check(lastSequence + 1, now, events);
        }
        if (refusal.isPresent()) {
            return refusal.get();
        }
        desk.forgetEnded(now);
        markets.all().forEach(m -> m.confirmPriceHealth(now));
        publicViews.note(events);
        lastSequence++;
        clock = now;
        byte[] snapshot = new byte[0];
        Optional<String> snapshotReason = snapshotReason(command, events);
        if (snapshotReason.isPresent()) {
            snapshot = serialize();
            events.add(new SnapshotTaken(CanonicalWriter.sha256(snapshot), snapshotReason.get()));
        }
        return new Outcome.Applied(lastSequence, now, events, snapshot);
    }

    /**
     * Re-applies a journaled command at its recorded sequence. Sequences may have gaps (commands
     * reverted by a rollback are skipped); a command that no longer applies still consumes its
     * sequence, so later rows stay aligned, and the caller reports the disagreement.
     */
    public Outcome replay(long sequence, long timestamp, Command command) {
        if (sequence <= lastSequence) {
            throw new IllegalArgumentException("sequence " + sequence + " is not after " + lastSequence);
        }
        lastSequence = sequence - 1;
        Outcome outcome = apply(command, timestamp);
        if (!(outcome instanceof Outcome.Applied)) {
            lastSequence = sequence;
        }
        return outcome;
    }

    /**
     * What anyone may read, as of {@link #lastSequence()}: built from the previous public view, copying again
     * only what moved (see {@link PublicViews}). Call it on the engine thread, after a batch of commands.
     */
    public PublicView publicView() {
        return publicViews.build(lastSequence, clock);
    }

    /** Oracle commands: then the triggers of every market whose index moved. */
    private Optional<Outcome> prices(
            Function<SortedSet<String>, Optional<Outcome>> command, long now, List<Event> events) {
        SortedSet<String> moved = new TreeSet<>();
        Optional<Outcome> refusal = command.apply(moved);
        if (refusal.isEmpty()) {
            moved.forEach(
                    market -> desk.onPriceChange(markets.get(market).orElseThrow(), lastSequence + 1, now, events));
        }
        return refusal;
    }

    /**
     * Whether a maintenance window starts or ends at {@code timestamp}: the sequencer then applies a
     * Tick first, so the first command stamped at or after a window's start finds the exchange CLOSED.
     */
    public boolean maintenanceDue(long timestamp) {
        return maintenance.due(Math.max(clock, timestamp));
    }

    private Optional<Outcome> tick(long now, List<Event> events) {
        markets.forgetSilentSources(now);
        maintenance.onTick(lastSequence + 1, now, events);
        desk.onTick(lastSequence + 1, now, events);
        for (Market m : markets.all()) {
            boolean open = status.state().stricter(m.state()) == TradingState.OPEN;
            funding.onTick(m, open, now, fundingSampleMillis, events);
        }
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

    private Optional<Outcome> resumeFunding(ResumeFunding c, List<Event> events) {
        Optional<Market> market = markets.get(c.market());
        if (market.isEmpty()) {
            return reject(UNKNOWN_MARKET, "no market " + c.market());
        }
        if (!market.get().funding().halted()) {
            return reject(Rejection.Code.INVALID_TRANSITION, "funding is not halted in " + c.market());
        }
        market.get().funding().resume();
        events.add(new FundingResumed(c.market(), c.actor()));
        return Optional.empty();
    }

    /** One market ({@code market} set) or every paused market (null). */
    private Optional<Outcome> resumeLiquidations(ResumeLiquidations c, List<Event> events) {
        if (c.market() == null) {
            if (breaker.resumeAll().isEmpty()) {
                return reject(Rejection.Code.INVALID_TRANSITION, "liquidations are not paused in any market");
            }
        } else if (!markets.contains(c.market())) {
            return reject(UNKNOWN_MARKET, "no market " + c.market());
        } else if (!breaker.resume(c.market())) {
            return reject(Rejection.Code.INVALID_TRANSITION, "liquidations are not paused in " + c.market());
        }
        events.add(new LiquidationsResumed(c.actor(), c.market()));
        return Optional.empty();
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
        rules.use(c.rules());
        limits.use(
                c.maxOpenOrders(),
                c.restingBandBps(),
                c.clientOrderIdRetentionSeconds(),
                c.oracleSourceRetentionSeconds());
        desk.limitsChanged(now);
        markets.useSourceRetention(limits.oracleSourceRetentionMillis(), now);
        transitions.configure(c.minPostOnlySeconds());
        breaker.configure(c.breakerMaxAccounts(), c.breakerMaxOpenInterestBps(), c.breakerMinNotional());
        if (c.fundingSampleSeconds() > 0) {
            fundingSampleMillis = Math.multiplyExact(c.fundingSampleSeconds(), 1000L);
        }
        markets.useV2OracleRules(rules.v2());
        markets.all().forEach(m -> m.oracle().distrust());
        events.add(new EngineStarted(c.instance()));
        return Optional.empty();
    }

    // ---- canonical state -------------------------------------------------------------------

    /** The whole state in canonical bytes. */
    public byte[] serialize() {
        CanonicalWriter out = new CanonicalWriter();
        out.writeInt(FORMAT_VERSION)
                .writeLong(lastSequence)
                .writeLong(clock)
                .writeLong(fundingSampleMillis)
                .writeLong(transitions.minPostOnlyMillis());
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
        return out.toByteArray();
    }

    /** Rebuilds an engine from {@link #serialize()} output. */
    public static Engine restore(byte[] data) {
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
        Engine engine = new Engine(
                lastSequence,
                clock,
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
                limits);
        engine.fundingSampleMillis = fundingSampleMillis;
        markets.useV2OracleRules(rules.v2());
        markets.useSourceRetention(limits.oracleSourceRetentionMillis(), clock);
        engine.transitions.restoreMinPostOnlyMillis(minPostOnlyMillis);
        in.expectEnd();
        return engine;
    }

    /**
     * Sum of the exact cost basis of every open position. The SETTLEMENT account always holds its
     * negative: realized PnL is paid from it exactly as positions close (an integrity check).
     */
    public BigDecimal totalCostBasis() {
        return markets.all().stream()
                .map(m -> portfolios.costBasis(m.spec().market()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Override
    public List<String> integrityProblems() {
        return IntegrityCheck.problems(ledger, markets, portfolios);
    }

    @Override
    public String stateHash() {
        return CanonicalWriter.sha256(serialize());
    }

    // ---- read-only views -------------------------------------------------------------------

    @Override
    public long lastSequence() {
        return lastSequence;
    }

    @Override
    public long clock() {
        return clock;
    }

    @Override
    public StatusView status() {
        return new StatusView(
                status.state(), status.since(), status.reason(), status.epoch(), markets(), breaker.pausedMarkets());
    }

    @Override
    public List<MarketView> markets() {
        return markets.all().stream().map(this::view).toList();
    }

    @Override
    public Optional<MarketView> market(String market) {
        return markets.get(market).map(this::view);
    }

    private MarketView view(Market m) {
        return PublicViews.marketView(m, status.state(), publicViews.openInterest(m), clock);
    }

    @Override
    public OracleSourcesView oracleSources() {
        OracleSources registry = markets.oracleSources();
        List<OracleSourceView> rows = new ArrayList<>();
        for (Market m : markets.all()) {
            for (OracleFeed.SourceView s : m.oracle().sources()) {
                Optional<OracleFeed.Quote> accepted = Optional.ofNullable(s.accepted());
                rows.add(new OracleSourceView(
                        s.source(),
                        m.spec().market(),
                        registry.state(s.source()),
                        accepted,
                        Optional.ofNullable(s.offered()),
                        s.pending(),
                        s.rejections(),
                        accepted.filter(q -> q.timestamp() >= clock - m.spec().maxPriceAgeSeconds() * 1000)
                                .isPresent()));
            }
        }
        return new OracleSourcesView(rows, List.copyOf(registry.all()));
    }

    @Override
    public List<OrderState> liveOrders(String accountId, String market) {
        return portfolios.get(accountId).stream()
                .flatMap(p -> p.liveOrders().stream())
                .map(id -> liveOrders.get(id).orElseThrow())
                .filter(o -> market.isEmpty() || o.market.equals(market))
                .map(Order::state)
                .toList();
    }

    @Override
    public Optional<OrderState> liveOrder(String accountId, String orderId) {
        try {
            return liveOrders
                    .get(Long.parseLong(orderId))
                    .filter(o -> o.accountId.equals(accountId))
                    .map(Order::state);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<PositionView> positions(String accountId) {
        return portfolios
                .get(accountId)
                .map(p -> PositionValuation.positions(p, markets, margin.assess(accountId)))
                .orElse(List.of());
    }

    @Override
    public Optional<BookView> orderBook(String market, int depth) {
        return markets.get(market)
                .map(m -> new BookView(
                        market,
                        lastSequence,
                        m.book().depth(Side.BUY, depth).stream()
                                .map(l -> level(m, l))
                                .toList(),
                        m.book().depth(Side.SELL, depth).stream()
                                .map(l -> level(m, l))
                                .toList()));
    }

    private static PriceSize level(Market m, OrderBook.Level l) {
        return new PriceSize(m.price(l.priceTicks()), m.size(l.sizeSteps()));
    }

    @Override
    public Optional<Account> account(String accountId) {
        return accounts.account(accountId);
    }

    @Override
    public Optional<AccountRisk> risk(String accountId) {
        return accounts.account(accountId).map(a -> margin.assess(a.accountId()));
    }

    @Override
    public BigDecimal balance(String ledgerAccount) {
        return ledger.has(ledgerAccount) ? ledger.balance(ledgerAccount) : Decimals.usd(BigDecimal.ZERO);
    }

    @Override
    public Map<String, BigDecimal> ledgerBalances() {
        return Map.copyOf(ledger.balances());
    }

    @Override
    public List<MaintenanceWindow> maintenanceWindows() {
        return windows.all();
    }

    @Override
    public Map<String, String> refundedBy(List<String> itemKeys) {
        Map<String, String> found = new TreeMap<>();
        itemKeys.forEach(key -> paidIncidents.refundedBy(key).ifPresent(incident -> found.put(key, incident)));
        return Map.copyOf(found);
    }

    @Override
    public List<HeldPosition> heldPositions() {
        List<HeldPosition> held = new ArrayList<>();
        for (Map.Entry<String, io.bulwark.engine.position.Portfolio> e : portfolios.entries()) {
            for (Market m : markets.all()) {
                e.getValue()
                        .existingPosition(m.spec().market())
                        .ifPresent(p -> held.add(new HeldPosition(
                                e.getKey(),
                                m.spec().market(),
                                p.size(m.spec().stepSize()),
                                p.costBasis(),
                                p.realizedPnl())));
            }
        }
        return held;
    }

    @Override
    public List<ApiKey> apiKeys() {
        return List.copyOf(accounts.keys());
    }
}
