package io.bulwark.web.socket;

import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.FundingHalted;
import io.bulwark.engine.event.FundingPaid;
import io.bulwark.engine.event.FundingSettled;
import io.bulwark.engine.event.Liquidated;
import io.bulwark.engine.event.LiquidationsPaused;
import io.bulwark.engine.event.LiquidationsResumed;
import io.bulwark.engine.event.OraclePriceAccepted;
import io.bulwark.engine.event.OracleReanchored;
import io.bulwark.engine.event.OrderBookChanged;
import io.bulwark.engine.event.OrderPlaced;
import io.bulwark.engine.event.OrderUpdated;
import io.bulwark.engine.event.PositionChanged;
import io.bulwark.engine.event.RefundPaid;
import io.bulwark.engine.event.Traded;
import io.bulwark.engine.money.Decimals;
import io.bulwark.engine.order.OrderState;
import io.bulwark.journal.Committed;
import io.bulwark.journal.JournalListener;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trading, price and risk events to their channels, after commit on the journal thread: book level
 * changes and trades per market; orders, fills, positions, funding payments and liquidations to each
 * trader's account channel; index, mark and health to {@code prices}; breaker and funding halts to
 * {@code status}.
 */
final class TradingFeed implements JournalListener {
    private final MarketChannels markets;
    private final AccountChannel accounts;
    private final StatusChannel status;

    TradingFeed(MarketChannels markets, AccountChannel accounts, StatusChannel status) {
        this.markets = markets;
        this.accounts = accounts;
        this.status = status;
    }

    record BookUpdate(List<List<String>> bids, List<List<String>> asks) {}

    record TradeMessage(String tradeId, String price, String size, String takerSide) {}

    record FillMessage(
            String fillId,
            String orderId,
            String market,
            String side,
            String price,
            String size,
            String fee,
            String liquidity) {}

    record OrderMessage(
            String orderId,
            String clientOrderId,
            String accountId,
            String market,
            String side,
            String orderType,
            String timeInForce,
            String price,
            String triggerPrice,
            String size,
            String filledSize,
            String averageFillPrice,
            boolean reduceOnly,
            String status,
            String cancelReason,
            String createdAt,
            String updatedAt) {}

    record PositionMessage(String market, String size, String entryPrice, String realizedPnl) {}

    record PriceMessage(String indexPrice, String markPrice, boolean priceHealthy) {}

    record FundingMessage(String market, String positionSize, String rate, String amount) {}

    /** An incident refund credited to the account from the liquidator vault. */
    record RefundMessage(String incidentId, String amount) {}

    record LiquidationMessage(
            String market,
            String size,
            String price,
            String markPrice,
            String fee,
            String badDebt,
            boolean deleveraged) {}

    /** {@code market} null: every market (a resume of all, or a pause from an older build). */
    record BreakerMessage(boolean liquidationsPaused, String market, String reason) {}

    record FundingHaltMessage(String market, String reason) {}

    @Override
    public void onCommitted(List<Committed> batch) {
        for (Committed c : batch) {
            Map<String, PriceMessage> latestPrice = new LinkedHashMap<>();
            for (Event event : c.events()) {
                switch (event) {
                    case OraclePriceAccepted p ->
                        latestPrice.put(
                                p.market(),
                                new PriceMessage(text(p.indexPrice()), text(p.markPrice()), p.priceHealthy()));
                    case OracleReanchored r ->
                        latestPrice.put(
                                r.market(), new PriceMessage(text(r.toPrice()), text(r.markPrice()), r.priceHealthy()));
                    default -> publish(c, event);
                }
            }
            latestPrice.forEach(
                    (market, price) -> markets.prices().publish(market, c.sequence(), c.timestamp(), price));
        }
    }

    private void publish(Committed c, Event event) {
        long seq = c.sequence();
        long ts = c.timestamp();
        switch (event) {
            case OrderBookChanged b ->
                markets.orderbook().publish(b.market(), seq, ts, new BookUpdate(levels(b.bids()), levels(b.asks())));
            case Traded t -> {
                markets.trades()
                        .publish(
                                t.market(),
                                seq,
                                ts,
                                new TradeMessage(
                                        t.tradeId(),
                                        text(t.price()),
                                        text(t.size()),
                                        t.takerSide().name()));
                accounts.publish(
                        t.takerAccountId(),
                        "fill",
                        seq,
                        ts,
                        new FillMessage(
                                t.tradeId() + "-T",
                                t.takerOrderId(),
                                t.market(),
                                t.takerSide().name(),
                                text(t.price()),
                                text(t.size()),
                                text(t.takerFee()),
                                "TAKER"));
                accounts.publish(
                        t.makerAccountId(),
                        "fill",
                        seq,
                        ts,
                        new FillMessage(
                                t.tradeId() + "-M",
                                t.makerOrderId(),
                                t.market(),
                                t.takerSide().opposite().name(),
                                text(t.price()),
                                text(t.size()),
                                text(t.makerFee()),
                                "MAKER"));
            }
            case OrderPlaced o -> accounts.publish(o.order().accountId(), "order", seq, ts, order(o.order()));
            case OrderUpdated o -> accounts.publish(o.order().accountId(), "order", seq, ts, order(o.order()));
            case PositionChanged p ->
                accounts.publish(
                        p.accountId(),
                        "position",
                        seq,
                        ts,
                        new PositionMessage(p.market(), text(p.size()), text(p.entryPrice()), text(p.realizedPnl())));
            case FundingPaid f ->
                accounts.publish(
                        f.accountId(),
                        "funding",
                        seq,
                        ts,
                        new FundingMessage(f.market(), text(f.positionSize()), text(f.rate()), text(f.amount())));
            case FundingSettled f ->
                markets.prices().publish(f.market(), seq, ts, new PriceMessage(null, text(f.markPrice()), true));
            case Liquidated l ->
                accounts.publish(
                        l.accountId(),
                        "liquidation",
                        seq,
                        ts,
                        new LiquidationMessage(
                                l.market(),
                                text(l.size()),
                                text(l.price()),
                                text(l.markPrice()),
                                text(l.fee()),
                                text(l.badDebt()),
                                l.deleveraged()));
            case LiquidationsPaused p ->
                status.publish("circuitBreaker", seq, ts, new BreakerMessage(true, p.market(), p.reason()));
            case LiquidationsResumed r ->
                status.publish(
                        "circuitBreaker", seq, ts, new BreakerMessage(false, r.market(), "resumed by " + r.actor()));
            case FundingHalted h ->
                status.publish("fundingHalted", seq, ts, new FundingHaltMessage(h.market(), h.reason()));
            case RefundPaid r ->
                accounts.publish(r.accountId(), "refund", seq, ts, new RefundMessage(r.incidentId(), text(r.amount())));
            default -> {}
        }
    }

    static List<List<String>> levels(List<io.bulwark.engine.event.OrderBookChanged.PriceSize> levels) {
        return levels.stream()
                .map(l -> List.of(Decimals.plain(l.price()), Decimals.plain(l.size())))
                .toList();
    }

    private static OrderMessage order(OrderState o) {
        return new OrderMessage(
                o.orderId(),
                o.clientOrderId().isEmpty() ? null : o.clientOrderId(),
                o.accountId(),
                o.market(),
                o.side().name(),
                o.type().name(),
                o.timeInForce().name(),
                text(o.price()),
                text(o.triggerPrice()),
                text(o.size()),
                text(o.filledSize()),
                text(o.averageFillPrice()),
                o.reduceOnly(),
                o.status().name(),
                o.cancelReason() == null ? null : o.cancelReason().name(),
                Instant.ofEpochMilli(o.createdAt()).toString(),
                Instant.ofEpochMilli(o.updatedAt()).toString());
    }

    private static String text(BigDecimal value) {
        return value == null ? null : Decimals.plain(value);
    }
}
