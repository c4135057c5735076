package io.bulwark.engine;

import io.bulwark.engine.account.Account;
import io.bulwark.engine.account.ApiKey;
import io.bulwark.engine.event.OrderBookChanged.PriceSize;
import io.bulwark.engine.maintenance.MaintenanceWindow;
import io.bulwark.engine.market.MarketSpec;
import io.bulwark.engine.oracle.OracleFeed;
import io.bulwark.engine.oracle.OracleSources;
import io.bulwark.engine.oracle.PriceHealth;
import io.bulwark.engine.oracle.Quote;
import io.bulwark.engine.oracle.Reanchor;
import io.bulwark.engine.oracle.SourcePrice;
import io.bulwark.engine.oracle.SourceState;
import io.bulwark.engine.order.OrderState;
import io.bulwark.engine.risk.AccountRisk;
import io.bulwark.engine.risk.PositionView;
import io.bulwark.engine.state.TradingState;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Read-only access to engine state. Queries run on the engine thread and must copy what they return:
 * every method here returns immutable values.
 */
public interface EngineView {

    /**
     * A market's parameters, its own and effective (stricter of exchange and market) state, its index
     * and mark price (null until the oracle gives one), last trade, open interest (total long size)
     * and price health.
     */
    record MarketView(
            MarketSpec spec,
            TradingState state,
            TradingState effectiveState,
            BigDecimal indexPrice,
            BigDecimal markPrice,
            BigDecimal lastTradePrice,
            BigDecimal openInterest,
            boolean priceHealthy,
            Funding funding,
            OracleView oracle) {}

    /**
     * A market's oracle (SPEC section 6): why its price is or is not healthy, the fresh price of each active
     * source that counts toward the index, how many updates in a row all its sources have agreed on a
     * price beyond the jump limit (a re-anchor at {@link OracleFeed#REANCHOR_AFTER}), and the last time the
     * index was set outside the limits; {@code lastPriceTime}: the timestamp (epoch ms) of the newest
     * price any source gave that was accepted, 0 before the first (the operators' price age).
     */
    record OracleView(
            PriceHealth health,
            List<SourcePrice> sourcePrices,
            int reanchorVotes,
            Optional<Reanchor> lastReanchor,
            long lastPriceTime) {}

    /**
     * One source as one market knows it: its state, latest accepted and latest offered price (empty when
     * none), whether that offer was refused as a jump, its refused updates in the market, and whether its
     * accepted price is fresh (counts toward the index).
     */
    record OracleSourceView(
            String source,
            String market,
            SourceState state,
            Optional<Quote> accepted,
            Optional<Quote> offered,
            boolean offeredRefused,
            long rejections,
            boolean fresh) {}

    /** Every source of every market, market by market, and the sources an operator quarantined. */
    record OracleSourcesView(List<OracleSourceView> sources, List<OracleSources.Quarantine> quarantined) {}

    /**
     * A market's funding: the last interval's rate, the cumulative index, when the current interval
     * ends (epoch ms, 0 before the first tick) and why funding is halted (empty when it is not).
     */
    record Funding(BigDecimal rate, BigDecimal cumulativeIndex, long nextFundingTime, String haltReason) {}

    /** Book depth at the engine's latest sequence; levels best first. */
    record BookView(String market, long sequence, List<PriceSize> bids, List<PriceSize> asks) {}

    /**
     * @param liquidationsPausedMarkets the markets where the circuit breaker paused liquidations and
     *     triggers, with the reason, in market order
     */
    record StatusView(
            TradingState state,
            long since,
            String reason,
            long epoch,
            List<MarketView> markets,
            Map<String, String> liquidationsPausedMarkets) {

        public StatusView {
            liquidationsPausedMarkets = Collections.unmodifiableMap(new TreeMap<>(liquidationsPausedMarkets));
        }

        /** Whether liquidations are paused in any market. */
        public boolean liquidationsPaused() {
            return !liquidationsPausedMarkets.isEmpty();
        }

        /** Each paused market with its reason ("MARKET: reason; ..."), empty when none is. */
        public String liquidationsPausedReason() {
            return liquidationsPausedMarkets.entrySet().stream()
                    .map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining("; "));
        }
    }

    long lastSequence();

    long clock();

    StatusView status();

    List<MarketView> markets();

    Optional<MarketView> market(String market);

    Optional<Account> account(String accountId);

    /** The account's armed dead man's switch deadline (epoch milliseconds, engine time), if any. */
    java.util.OptionalLong cancelAfterDeadline(String accountId);

    Optional<AccountRisk> risk(String accountId);

    /** Balance of any ledger account, including EXTERNAL, FEES and LIQUIDATOR_VAULT. */
    BigDecimal balance(String ledgerAccount);

    Map<String, BigDecimal> ledgerBalances();

    List<ApiKey> apiKeys();

    String stateHash();

    /**
     * The whole state at {@link #lastSequence()}, frozen cheaply: its bytes (whose SHA-256 is {@link
     * #stateHash()}) may be made on another thread, so the engine thread does not wait for them.
     */
    FrozenState freeze();

    /** An account's live orders (open, partially filled, untriggered), oldest first; market empty = all. */
    List<OrderState> liveOrders(String accountId, String market);

    /** One live order of the account; empty when it is not live (or not the account's). */
    Optional<OrderState> liveOrder(String accountId, String orderId);

    /** The account's open positions valued at mark. */
    List<PositionView> positions(String accountId);

    Optional<BookView> orderBook(String market, int depth);

    /** What the engine's own integrity checks find wrong with its state (empty when all pass). */
    List<String> integrityProblems();

    OracleSourcesView oracleSources();

    /** Every maintenance window ever scheduled, oldest first. */
    List<MaintenanceWindow> maintenanceWindows();

    /**
     * Of the given refund items ({@code PaidIncidents.itemKey}), those a paid incident refunded, each with
     * that incident's id (SPEC section 9, once per item).
     */
    Map<String, String> refundedBy(List<String> itemKeys);

    /** One account's position in one market as the engine holds it (size signed), for read-model checks. */
    record HeldPosition(
            String accountId, String market, BigDecimal size, BigDecimal costBasis, BigDecimal realizedPnl) {}

    /** Every position record the engine holds, flat ones included. */
    List<HeldPosition> heldPositions();
}
