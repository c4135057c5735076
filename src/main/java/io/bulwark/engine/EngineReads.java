package io.bulwark.engine;

import io.bulwark.engine.account.Account;
import io.bulwark.engine.account.ApiKey;
import io.bulwark.engine.book.OrderBook;
import io.bulwark.engine.desk.transition.IntegrityCheck;
import io.bulwark.engine.event.OrderBookChanged.PriceSize;
import io.bulwark.engine.maintenance.MaintenanceWindow;
import io.bulwark.engine.money.Decimals;
import io.bulwark.engine.oracle.OracleSources;
import io.bulwark.engine.oracle.Quote;
import io.bulwark.engine.oracle.SourceView;
import io.bulwark.engine.order.Order;
import io.bulwark.engine.order.OrderState;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.position.Portfolio;
import io.bulwark.engine.risk.AccountRisk;
import io.bulwark.engine.risk.MarginCalculator;
import io.bulwark.engine.risk.PositionValuation;
import io.bulwark.engine.risk.PositionView;
import io.bulwark.engine.state.Market;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The engine's read side: every {@link EngineView} answer, computed from the state {@link Engine} changes.
 * Reads change nothing; call them on the engine thread.
 */
abstract sealed class EngineReads implements EngineView permits Engine {
    final EngineState state;
    final MarginCalculator margin;
    final PublicViews publicViews;

    EngineReads(EngineState state) {
        this.state = state;
        this.margin = new MarginCalculator(state.ledger, state.markets, state.portfolios);
        this.publicViews = new PublicViews(
                state.markets, state.portfolios, state.ledger, state.status, state.breaker, state.windows);
    }

    /**
     * Sum of the exact cost basis of every open position. The SETTLEMENT account always holds its
     * negative: realized PnL is paid from it exactly as positions close (an integrity check).
     */
    public BigDecimal totalCostBasis() {
        return state.markets.all().stream()
                .map(m -> state.portfolios.costBasis(m.spec().market()))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    @Override
    public List<String> integrityProblems() {
        return IntegrityCheck.problems(state.ledger, state.markets, state.portfolios);
    }

    @Override
    public long lastSequence() {
        return state.lastSequence;
    }

    @Override
    public long clock() {
        return state.clock;
    }

    @Override
    public StatusView status() {
        return new StatusView(
                state.status.state(),
                state.status.since(),
                state.status.reason(),
                state.status.epoch(),
                markets(),
                state.breaker.pausedMarkets());
    }

    @Override
    public List<MarketView> markets() {
        return state.markets.all().stream().map(this::view).toList();
    }

    @Override
    public Optional<MarketView> market(String market) {
        return state.markets.get(market).map(this::view);
    }

    private MarketView view(Market m) {
        return PublicViews.marketView(m, state.status.state(), publicViews.openInterest(m), state.clock);
    }

    @Override
    public OracleSourcesView oracleSources() {
        OracleSources registry = state.markets.oracleSources();
        List<OracleSourceView> rows = new ArrayList<>();
        for (Market m : state.markets.all()) {
            for (SourceView s : m.oracle().sources()) {
                Optional<Quote> accepted = Optional.ofNullable(s.accepted());
                rows.add(new OracleSourceView(
                        s.source(),
                        m.spec().market(),
                        registry.state(s.source()),
                        accepted,
                        Optional.ofNullable(s.offered()),
                        s.pending(),
                        s.rejections(),
                        accepted.filter(q ->
                                        q.timestamp() >= state.clock - m.spec().maxPriceAgeSeconds() * 1000)
                                .isPresent()));
            }
        }
        return new OracleSourcesView(rows, List.copyOf(registry.all()));
    }

    @Override
    public List<OrderState> liveOrders(String accountId, String market) {
        return state.portfolios.get(accountId).stream()
                .flatMap(p -> p.liveOrders().stream())
                .map(id -> state.liveOrders.get(id).orElseThrow())
                .filter(o -> market.isEmpty() || o.market.equals(market))
                .map(Order::state)
                .toList();
    }

    @Override
    public Optional<OrderState> liveOrder(String accountId, String orderId) {
        try {
            return state.liveOrders
                    .get(Long.parseLong(orderId))
                    .filter(o -> o.accountId.equals(accountId))
                    .map(Order::state);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<PositionView> positions(String accountId) {
        return state.portfolios
                .get(accountId)
                .map(p -> PositionValuation.positions(p, state.markets, margin.assess(accountId)))
                .orElse(List.of());
    }

    @Override
    public Optional<BookView> orderBook(String market, int depth) {
        return state.markets
                .get(market)
                .map(m -> new BookView(
                        market,
                        state.lastSequence,
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
        return state.accounts.account(accountId);
    }

    @Override
    public java.util.OptionalLong cancelAfterDeadline(String accountId) {
        return state.cancelAfter.deadline(accountId);
    }

    @Override
    public Optional<AccountRisk> risk(String accountId) {
        return state.accounts.account(accountId).map(a -> margin.assess(a.accountId()));
    }

    @Override
    public BigDecimal balance(String ledgerAccount) {
        return state.ledger.has(ledgerAccount) ? state.ledger.balance(ledgerAccount) : Decimals.usd(BigDecimal.ZERO);
    }

    @Override
    public Map<String, BigDecimal> ledgerBalances() {
        return Map.copyOf(state.ledger.balances());
    }

    @Override
    public List<MaintenanceWindow> maintenanceWindows() {
        return state.windows.all();
    }

    @Override
    public Map<String, String> refundedBy(List<String> itemKeys) {
        Map<String, String> found = new TreeMap<>();
        itemKeys.forEach(key -> state.paidIncidents.refundedBy(key).ifPresent(incident -> found.put(key, incident)));
        return Map.copyOf(found);
    }

    @Override
    public List<HeldPosition> heldPositions() {
        List<HeldPosition> held = new ArrayList<>();
        for (Map.Entry<String, Portfolio> e : state.portfolios.entries()) {
            for (Market m : state.markets.all()) {
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
        return List.copyOf(state.accounts.keys());
    }
}
