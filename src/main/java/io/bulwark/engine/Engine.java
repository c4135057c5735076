package io.bulwark.engine;

import static io.bulwark.engine.Rejection.Code.DUPLICATE_DEPOSIT_REFERENCE;
import static io.bulwark.engine.Rejection.Code.INSUFFICIENT_MARGIN;
import static io.bulwark.engine.Rejection.Code.MARKET_EXISTS;
import static io.bulwark.engine.Rejection.Code.UNKNOWN_ACCOUNT;
import static io.bulwark.engine.Rejection.Code.UNKNOWN_KEY;
import static io.bulwark.engine.Rejection.Code.UNKNOWN_MARKET;
import static io.bulwark.engine.Rejection.Code.VALIDATION_FAILED;
import static io.bulwark.engine.Rejection.Code.WITHDRAWALS_PAUSED;

import io.bulwark.engine.account.Account;
import io.bulwark.engine.account.Accounts;
import io.bulwark.engine.account.Accounts.DepositRecord;
import io.bulwark.engine.account.ApiKey;
import io.bulwark.engine.account.Role;
import io.bulwark.engine.book.OrderBook;
import io.bulwark.engine.command.AmendOrder;
import io.bulwark.engine.command.CancelOrder;
import io.bulwark.engine.command.CancelOrders;
import io.bulwark.engine.command.ChangeTradingState;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.command.CreateAccount;
import io.bulwark.engine.command.CreateMarket;
import io.bulwark.engine.command.Deposit;
import io.bulwark.engine.command.IssueApiKey;
import io.bulwark.engine.command.PlaceOrder;
import io.bulwark.engine.command.PostOraclePrices;
import io.bulwark.engine.command.ResumeFunding;
import io.bulwark.engine.command.ResumeLiquidations;
import io.bulwark.engine.command.RevokeApiKey;
import io.bulwark.engine.command.StartEngine;
import io.bulwark.engine.command.TakeSnapshot;
import io.bulwark.engine.command.Tick;
import io.bulwark.engine.command.UpdateMarket;
import io.bulwark.engine.command.Withdraw;
import io.bulwark.engine.event.AccountCreated;
import io.bulwark.engine.event.ApiKeyIssued;
import io.bulwark.engine.event.ApiKeyRevoked;
import io.bulwark.engine.event.EngineStarted;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.FundingPaid;
import io.bulwark.engine.event.FundingResumed;
import io.bulwark.engine.event.LiquidationsResumed;
import io.bulwark.engine.event.MarketCreated;
import io.bulwark.engine.event.MarketUpdated;
import io.bulwark.engine.event.OraclePriceAccepted;
import io.bulwark.engine.event.OraclePriceRejected;
import io.bulwark.engine.event.OrderBookChanged.PriceSize;
import io.bulwark.engine.event.SnapshotTaken;
import io.bulwark.engine.event.Traded;
import io.bulwark.engine.event.TradingStateChanged;
import io.bulwark.engine.funding.FundingDesk;
import io.bulwark.engine.ledger.Ledger;
import io.bulwark.engine.ledger.TransferKind;
import io.bulwark.engine.liquidation.CircuitBreaker;
import io.bulwark.engine.liquidation.LiquidationDesk;
import io.bulwark.engine.market.Market;
import io.bulwark.engine.market.MarketSpec;
import io.bulwark.engine.market.Markets;
import io.bulwark.engine.oracle.PriceRejection;
import io.bulwark.engine.order.Order;
import io.bulwark.engine.order.OrderState;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.position.Portfolios;
import io.bulwark.engine.position.Position;
import io.bulwark.engine.risk.AccountRisk;
import io.bulwark.engine.risk.MarginCalculator;
import io.bulwark.engine.risk.PositionValuation;
import io.bulwark.engine.risk.PositionView;
import io.bulwark.engine.snapshot.CanonicalReader;
import io.bulwark.engine.snapshot.CanonicalWriter;
import io.bulwark.engine.snapshot.CorruptSnapshotException;
import io.bulwark.engine.state.ExchangeStatus;
import io.bulwark.engine.state.TradingState;
import io.bulwark.engine.trading.LiveOrders;
import io.bulwark.engine.trading.OrderDesk;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The only code that changes exchange state. {@link #apply} is deterministic: the same commands with
 * the same timestamps always give the same events and the same {@link #stateHash()}. A rejected
 * command changes nothing. Not thread-safe: one engine thread owns an engine.
 */
public final class Engine implements EngineView {
    private static final int FORMAT_VERSION = 1;

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
    private final FundingDesk funding;
    private final CircuitBreaker breaker;
    private final LiquidationDesk liquidations;
    private byte[] snapshotBytes = new byte[0];

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
                new CircuitBreaker());
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
            CircuitBreaker breaker) {
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
        this.desk = new OrderDesk(markets, portfolios, liveOrders, status, margin, ledger, breaker);
        this.funding = new FundingDesk(portfolios, ledger);
        this.liquidations = new LiquidationDesk(markets, portfolios, ledger, margin, status, breaker, desk);
    }

    /**
     * Applies one command stamped with {@code timestamp} (epoch milliseconds). Time never runs
     * backwards inside the engine: an older stamp is read as the current engine time.
     */
    public Outcome apply(Command command, long timestamp) {
        long now = Math.max(clock, timestamp);
        List<Event> events = new ArrayList<>(4);
        Optional<Outcome> refusal = switch (command) {
            case CreateMarket c -> createMarket(c, events);
            case UpdateMarket c -> updateMarket(c, events);
            case CreateAccount c -> createAccount(c, now, events);
            case IssueApiKey c -> issueKey(c, events);
            case RevokeApiKey c -> revokeKey(c, events);
            case Deposit c -> deposit(c, events);
            case Withdraw c -> withdraw(c, events);
            case ChangeTradingState c -> changeState(c, now, events);
            case TakeSnapshot c -> Optional.empty();
            case Tick c -> tick(now, events);
            case PlaceOrder c -> desk.place(c, lastSequence + 1, now, events);
            case CancelOrder c -> desk.cancel(c, lastSequence + 1, now, events);
            case CancelOrders c -> desk.cancelAll(c, lastSequence + 1, now, events);
            case AmendOrder c -> desk.amend(c, lastSequence + 1, now, events);
            case PostOraclePrices c -> postPrices(c, now, events);
            case StartEngine c -> startEngine(c, events);
            case ResumeLiquidations c -> resumeLiquidations(c, events);
            case ResumeFunding c -> resumeFunding(c, events);
        };
        if (refusal.isEmpty() && movesRisk(events)) {
            liquidations.check(lastSequence + 1, now, events);
        }
        if (refusal.isPresent()) {
            return refusal.get();
        }
        lastSequence++;
        clock = now;
        byte[] snapshot = new byte[0];
        if (command instanceof TakeSnapshot take) {
            snapshot = serialize();
            events.add(new SnapshotTaken(CanonicalWriter.sha256(snapshot), take.reason()));
        }
        snapshotBytes = snapshot;
        return new Outcome.Applied(lastSequence, now, events);
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

    /** The serialized state taken by the last command if it was a {@link TakeSnapshot}, else empty. */
    public byte[] lastSnapshotBytes() {
        return snapshotBytes.clone();
    }

    private Optional<Outcome> createMarket(CreateMarket c, List<Event> events) {
        MarketSpec spec = c.spec();
        if (markets.contains(spec.market())) {
            return reject(MARKET_EXISTS, "market " + spec.market() + " already exists");
        }
        Optional<Outcome> invalid = invalid(spec);
        if (invalid.isPresent()) {
            return invalid;
        }
        Market market = markets.add(spec, TradingState.OPEN);
        events.add(new MarketCreated(spec, market.state()));
        return Optional.empty();
    }

    private Optional<Outcome> updateMarket(UpdateMarket c, List<Event> events) {
        Optional<Market> market = markets.get(c.market());
        if (market.isEmpty()) {
            return reject(UNKNOWN_MARKET, "no market " + c.market());
        }
        MarketSpec spec = c.patch().applyTo(market.get().spec());
        MarketSpec before = market.get().spec();
        boolean regrids = spec.tickSize().compareTo(before.tickSize()) != 0
                || spec.stepSize().compareTo(before.stepSize()) != 0;
        if (regrids
                && (!market.get().book().isEmpty() || !market.get().triggers().isEmpty() || hasPositions(c.market()))) {
            return reject(
                    VALIDATION_FAILED,
                    "tickSize and stepSize can change only while " + c.market() + " has no orders and no positions");
        }
        Optional<Outcome> invalid = invalid(spec);
        if (invalid.isPresent()) {
            return invalid;
        }
        markets.respec(c.market(), spec);
        events.add(new MarketUpdated(spec));
        return Optional.empty();
    }

    private boolean hasPositions(String market) {
        return portfolios.entries().stream()
                .anyMatch(e -> e.getValue()
                        .existingPosition(market)
                        .filter(p -> !p.isFlat())
                        .isPresent());
    }

    private static Optional<Outcome> invalid(MarketSpec spec) {
        List<MarketSpec.Violation> violations = spec.violations();
        if (violations.isEmpty()) {
            return Optional.empty();
        }
        MarketSpec.Violation first = violations.getFirst();
        return reject(VALIDATION_FAILED, first.field() + " " + first.message());
    }

    private Optional<Outcome> createAccount(CreateAccount c, long now, List<Event> events) {
        Optional<Outcome> keyProblem = checkNewKey(c.keyId(), c.keyHash());
        if (keyProblem.isPresent()) {
            return keyProblem;
        }
        Account account = accounts.open(c.name(), now);
        ledger.open(account.accountId());
        portfolios.open(account.accountId());
        accounts.putKey(new ApiKey(c.keyId(), Role.TRADER, account.accountId(), c.keyHash(), false));
        events.add(new AccountCreated(account.accountId(), account.name()));
        events.add(new ApiKeyIssued(c.keyId(), Role.TRADER, account.accountId(), c.keyHash()));
        return Optional.empty();
    }

    private Optional<Outcome> issueKey(IssueApiKey c, List<Event> events) {
        if (c.role() == Role.TRADER) {
            return reject(VALIDATION_FAILED, "trader keys are issued with their account");
        }
        Optional<Outcome> keyProblem = checkNewKey(c.keyId(), c.keyHash());
        if (keyProblem.isPresent()) {
            return keyProblem;
        }
        accounts.putKey(new ApiKey(c.keyId(), c.role(), "", c.keyHash(), false));
        events.add(new ApiKeyIssued(c.keyId(), c.role(), "", c.keyHash()));
        return Optional.empty();
    }

    private Optional<Outcome> checkNewKey(String keyId, String keyHash) {
        if (accounts.key(keyId).isPresent() || accounts.hasKeyHash(keyHash)) {
            return reject(VALIDATION_FAILED, "key id or key already in use");
        }
        return Optional.empty();
    }

    private Optional<Outcome> revokeKey(RevokeApiKey c, List<Event> events) {
        Optional<ApiKey> key = accounts.key(c.keyId());
        if (key.isEmpty() || key.get().revoked()) {
            return reject(UNKNOWN_KEY, "no active key " + c.keyId());
        }
        ApiKey k = key.get();
        accounts.putKey(new ApiKey(k.keyId(), k.role(), k.accountId(), k.keyHash(), true));
        events.add(new ApiKeyRevoked(k.keyId()));
        return Optional.empty();
    }

    private Optional<Outcome> deposit(Deposit c, List<Event> events) {
        if (!isFundable(c.accountId())) {
            return reject(UNKNOWN_ACCOUNT, "no account " + c.accountId());
        }
        Optional<Outcome> badAmount = checkAmount(c.amount());
        if (badAmount.isPresent()) {
            return badAmount;
        }
        BigDecimal amount = Decimals.usd(c.amount());
        Optional<DepositRecord> earlier = accounts.deposit(c.reference());
        if (earlier.isPresent()) {
            DepositRecord d = earlier.get();
            if (d.accountId().equals(c.accountId()) && d.amount().compareTo(amount) == 0) {
                return Optional.of(new Outcome.AlreadyApplied("deposit " + c.reference() + " already credited"));
            }
            return reject(DUPLICATE_DEPOSIT_REFERENCE, "reference " + c.reference() + " was used for another deposit");
        }
        accounts.recordDeposit(new DepositRecord(c.reference(), c.accountId(), amount, lastSequence + 1));
        events.add(ledger.transfer(Ledger.EXTERNAL, c.accountId(), amount, TransferKind.DEPOSIT, c.reference()));
        return Optional.empty();
    }

    /** Trading accounts take deposits, and so does the liquidator vault (the insurance fund). */
    private boolean isFundable(String accountId) {
        return accounts.account(accountId).isPresent() || accountId.equals(Ledger.LIQUIDATOR_VAULT);
    }

    private Optional<Outcome> withdraw(Withdraw c, List<Event> events) {
        if (accounts.account(c.accountId()).isEmpty()) {
            return reject(UNKNOWN_ACCOUNT, "no account " + c.accountId());
        }
        Optional<Outcome> badAmount = checkAmount(c.amount());
        if (badAmount.isPresent()) {
            return badAmount;
        }
        if (status.state() == TradingState.CLOSED) {
            return reject(WITHDRAWALS_PAUSED, "withdrawals are paused while the exchange is CLOSED");
        }
        BigDecimal amount = Decimals.usd(c.amount());
        BigDecimal free = margin.assess(c.accountId()).freeCollateral();
        if (amount.compareTo(free) > 0) {
            return reject(
                    INSUFFICIENT_MARGIN,
                    "withdrawal of " + Decimals.plain(amount) + " exceeds free collateral " + Decimals.plain(free));
        }
        String withdrawalId = "W" + (lastSequence + 1);
        events.add(ledger.transfer(c.accountId(), Ledger.EXTERNAL, amount, TransferKind.WITHDRAWAL, withdrawalId));
        return Optional.empty();
    }

    private static Optional<Outcome> checkAmount(BigDecimal amount) {
        if (amount.signum() <= 0 || !Decimals.fitsScale(amount, Decimals.USD_SCALE)) {
            return reject(
                    VALIDATION_FAILED, "amount must be positive with at most " + Decimals.USD_SCALE + " decimals");
        }
        return Optional.empty();
    }

    private Optional<Outcome> changeState(ChangeTradingState c, long now, List<Event> events) {
        if (c.market().equals(ChangeTradingState.EXCHANGE)) {
            TradingState from = status.state();
            status.change(c.state(), now, c.reason());
            events.add(new TradingStateChanged(c.market(), from, c.state(), c.reason(), c.actor(), c.forced()));
            return Optional.empty();
        }
        Optional<Market> market = markets.get(c.market());
        if (market.isEmpty()) {
            return reject(UNKNOWN_MARKET, "no market " + c.market());
        }
        TradingState from = market.get().state();
        markets.changeState(c.market(), c.state());
        events.add(new TradingStateChanged(c.market(), from, c.state(), c.reason(), c.actor(), c.forced()));
        return Optional.empty();
    }

    private Optional<Outcome> postPrices(PostOraclePrices c, long now, List<Event> events) {
        if (c.quotes().isEmpty()) {
            return reject(VALIDATION_FAILED, "no prices");
        }
        java.util.TreeSet<String> moved = new java.util.TreeSet<>();
        for (PostOraclePrices.Quote q : c.quotes()) {
            Optional<Market> market = markets.get(q.market());
            if (market.isEmpty()) {
                events.add(new OraclePriceRejected(
                        q.market(), q.source(), q.price(), q.timestamp(), PriceRejection.UNKNOWN_MARKET));
                continue;
            }
            Market m = market.get();
            Optional<PriceRejection> refusal = m.oracle().offer(q.source(), q.price(), q.timestamp(), now, m.spec());
            if (refusal.isPresent()) {
                events.add(new OraclePriceRejected(q.market(), q.source(), q.price(), q.timestamp(), refusal.get()));
            } else {
                moved.add(q.market());
                events.add(new OraclePriceAccepted(
                        q.market(),
                        q.source(),
                        new BigDecimal(q.price()),
                        q.timestamp(),
                        m.indexPrice(),
                        m.markPrice(),
                        m.priceHealthy(now)));
            }
        }
        for (String market : moved) {
            desk.onPriceChange(markets.get(market).orElseThrow(), lastSequence + 1, now, events);
        }
        return Optional.empty();
    }

    private Optional<Outcome> tick(long now, List<Event> events) {
        desk.onTick(lastSequence + 1, now, events);
        for (Market m : markets.all()) {
            boolean open = status.state().stricter(m.state()) == TradingState.OPEN;
            funding.onTick(m, open, now, fundingSampleMillis, events);
        }
        return Optional.empty();
    }

    /** A fill, a new price or a funding payment can push an account below maintenance. */
    private static boolean movesRisk(List<Event> events) {
        for (Event e : events) {
            if (e instanceof Traded || e instanceof OraclePriceAccepted || e instanceof FundingPaid) {
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

    private Optional<Outcome> resumeLiquidations(ResumeLiquidations c, List<Event> events) {
        if (!breaker.paused()) {
            return reject(Rejection.Code.INVALID_TRANSITION, "liquidations are not paused");
        }
        breaker.resume();
        events.add(new LiquidationsResumed(c.actor()));
        return Optional.empty();
    }

    private Optional<Outcome> startEngine(StartEngine c, List<Event> events) {
        breaker.configure(c.breakerMaxAccounts(), c.breakerMaxOpenInterestBps());
        if (c.fundingSampleSeconds() > 0) {
            fundingSampleMillis = Math.multiplyExact(c.fundingSampleSeconds(), 1000L);
        }
        markets.all().forEach(m -> m.oracle().distrust());
        events.add(new EngineStarted(c.instance()));
        return Optional.empty();
    }

    private static Optional<Outcome> reject(Rejection.Code code, String message) {
        return Optional.of(new Outcome.Rejected(Rejection.of(code, message)));
    }

    // ---- canonical state -------------------------------------------------------------------

    /** The whole state in canonical bytes. */
    public byte[] serialize() {
        CanonicalWriter out = new CanonicalWriter();
        out.writeInt(FORMAT_VERSION).writeLong(lastSequence).writeLong(clock).writeLong(fundingSampleMillis);
        status.writeTo(out);
        markets.writeTo(out);
        accounts.writeTo(out);
        ledger.writeTo(out);
        portfolios.writeTo(out);
        liveOrders.writeTo(out, markets);
        breaker.writeTo(out);
        return out.toByteArray();
    }

    /** Rebuilds an engine from {@link #serialize()} output. */
    public static Engine restore(byte[] data) {
        CanonicalReader in = new CanonicalReader(data);
        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new CorruptSnapshotException("unsupported snapshot format " + version, null);
        }
        long lastSequence = in.readLong();
        long clock = in.readLong();
        long fundingSampleMillis = in.readLong();
        ExchangeStatus status = ExchangeStatus.readFrom(in);
        Markets markets = Markets.readFrom(in);
        Accounts accounts = Accounts.readFrom(in);
        Ledger ledger = Ledger.readFrom(in);
        Portfolios portfolios = Portfolios.readFrom(in);
        LiveOrders liveOrders = LiveOrders.readFrom(in, markets, portfolios);
        CircuitBreaker breaker = CircuitBreaker.readFrom(in);
        Engine engine =
                new Engine(lastSequence, clock, markets, accounts, ledger, status, portfolios, liveOrders, breaker);
        engine.fundingSampleMillis = fundingSampleMillis;
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
                status.state(),
                status.since(),
                status.reason(),
                status.epoch(),
                markets(),
                breaker.paused(),
                breaker.pausedReason());
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
        BigDecimal openInterest = BigDecimal.ZERO;
        for (var entry : portfolios.entries()) {
            Optional<Position> p = entry.getValue().existingPosition(m.spec().market());
            if (p.isPresent() && p.get().sizeSteps() > 0) {
                openInterest = openInterest.add(p.get().size(m.spec().stepSize()));
            }
        }
        return new MarketView(
                m.spec(),
                m.state(),
                status.state().stricter(m.state()),
                m.indexPrice(),
                m.markPrice(),
                m.lastTradePrice(),
                openInterest,
                m.priceHealthy(clock),
                new Funding(
                        m.funding().lastRate(),
                        m.funding().cumulativeIndex(),
                        m.funding().intervalEnd(),
                        m.funding().haltReason()));
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
    public List<ApiKey> apiKeys() {
        return List.copyOf(accounts.keys());
    }
}
