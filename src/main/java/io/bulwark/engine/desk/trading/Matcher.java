package io.bulwark.engine.desk.trading;

import io.bulwark.engine.book.OrderBook;
import io.bulwark.engine.book.PriceLevel;
import io.bulwark.engine.event.OrderUpdated;
import io.bulwark.engine.event.Traded;
import io.bulwark.engine.event.TransferKind;
import io.bulwark.engine.ledger.Ledger;
import io.bulwark.engine.market.MarketSpec;
import io.bulwark.engine.money.Decimals;
import io.bulwark.engine.order.CancelReason;
import io.bulwark.engine.order.Order;
import io.bulwark.engine.order.OrderStatus;
import io.bulwark.engine.position.Portfolio;
import io.bulwark.engine.position.Portfolios;
import io.bulwark.engine.position.Position;
import io.bulwark.engine.state.Market;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Matches a taker against the book in price-time priority at the makers' prices, and settles each
 * trade: positions, realized PnL through the {@code SETTLEMENT} clearing account, and fees to
 * {@code FEES}.
 */
final class Matcher {
    /** Why matching stopped with size left. */
    enum Stop {
        DONE,
        NO_MORE_LIQUIDITY,
        SELF_TRADE,
        REDUCE_ONLY
    }

    private final Ledger ledger;
    private final Portfolios portfolios;
    private final LiveOrders live;
    private final OrderMargin orderMargin;
    private final ClientOrderIds clientOrderIds;

    Matcher(
            Ledger ledger,
            Portfolios portfolios,
            LiveOrders live,
            OrderMargin orderMargin,
            ClientOrderIds clientOrderIds) {
        this.ledger = ledger;
        this.portfolios = portfolios;
        this.live = live;
        this.orderMargin = orderMargin;
        this.clientOrderIds = clientOrderIds;
    }

    Stop match(Market market, Order taker, CommandContext ctx) {
        OrderBook book = market.book();
        while (taker.remainingSteps() > 0) {
            PriceLevel level = book.best(taker.side.opposite());
            if (level == null || !OrderBook.reaches(taker.side, taker.limitTicks, level.priceTicks())) {
                return Stop.NO_MORE_LIQUIDITY;
            }
            Order maker = level.first();
            if (maker.accountId.equals(taker.accountId)) {
                return Stop.SELF_TRADE;
            }
            long steps = Math.min(taker.remainingSteps(), maker.remainingSteps());
            if (maker.reduceOnly) {
                long reducible = reducible(maker);
                if (reducible == 0) {
                    book.remove(maker);
                    retire(maker, CancelReason.REDUCE_ONLY, ctx);
                    continue;
                }
                steps = Math.min(steps, reducible);
            }
            if (taker.reduceOnly) {
                long reducible = reducible(taker);
                if (reducible == 0) {
                    return Stop.REDUCE_ONLY;
                }
                steps = Math.min(steps, reducible);
            }
            trade(market, taker, maker, steps, level.priceTicks(), ctx);
        }
        return Stop.DONE;
    }

    /** How much of a reduce-only order's size still closes its account's position. */
    long reducible(Order order) {
        long position = portfolios
                .get(order.accountId)
                .flatMap(p -> p.existingPosition(order.market))
                .map(Position::sizeSteps)
                .orElse(0L);
        return Long.signum(position) == -order.side.sign() ? Math.abs(position) : 0;
    }

    private void trade(Market market, Order taker, Order maker, long steps, long priceTicks, CommandContext ctx) {
        MarketSpec spec = market.spec();
        BigDecimal price = market.price(priceTicks);
        BigDecimal notional = Position.notional(price, steps, spec.stepSize());
        settle(taker, steps, price, spec, ctx);
        settle(maker, steps, price, spec, ctx);
        BigDecimal takerFee = fee(notional, spec.takerFee());
        BigDecimal makerFee = fee(notional, spec.makerFee());
        chargeFee(taker.accountId, takerFee, ctx);
        chargeFee(maker.accountId, makerFee, ctx);

        taker.recordFill(steps, notional, ctx.now());
        BigDecimal heldBefore = maker.heldMargin;
        maker.recordFill(steps, notional, ctx.now());
        market.book().shrink(maker, steps);
        if (maker.status() == OrderStatus.FILLED) {
            market.book().remove(maker);
            live.unregister(maker, portfolio(maker.accountId));
            clientOrderIds.ended(maker, ctx.now());
        } else {
            orderMargin.rehold(maker, spec, portfolio(maker.accountId), heldBefore);
        }
        market.traded(price);
        ctx.events()
                .add(new Traded(
                        ctx.nextTradeId(),
                        market.spec().market(),
                        price,
                        market.size(steps),
                        taker.side,
                        Long.toString(taker.id),
                        taker.accountId,
                        takerFee,
                        Long.toString(maker.id),
                        maker.accountId,
                        makerFee));
        ctx.events().add(new OrderUpdated(maker.state()));
    }

    private void settle(Order order, long steps, BigDecimal price, MarketSpec spec, CommandContext ctx) {
        Position position = portfolio(order.accountId).position(order.market);
        BigDecimal realized = position.fill(order.side, steps, price, spec.stepSize());
        ctx.positionTouched(order.accountId, order.market);
        ledger.transferSigned(Ledger.SETTLEMENT, order.accountId, realized, TransferKind.REALIZED_PNL, ref(order))
                .ifPresent(ctx.events()::add);
    }

    /** A positive fee goes to FEES, a negative one (a maker rebate) comes from it. */
    private void chargeFee(String accountId, BigDecimal fee, CommandContext ctx) {
        ledger.transferSigned(accountId, Ledger.FEES, fee, TransferKind.TRADING_FEE, ctx.reference())
                .ifPresent(ctx.events()::add);
    }

    /**
     * Fee on a notional at a signed rate, at ledger scale, rounded toward +infinity: a charge rounds
     * up (against the trader) and a maker rebate rounds down in size (a payout never creates money).
     */
    static BigDecimal fee(BigDecimal notional, BigDecimal rate) {
        return notional.multiply(rate).setScale(Decimals.USD_SCALE, RoundingMode.CEILING);
    }

    /** Takes a live order off the books for good, with a reason, and reports it. */
    void retire(Order order, CancelReason reason, CommandContext ctx) {
        order.cancel(reason, ctx.now());
        live.unregister(order, portfolio(order.accountId));
        clientOrderIds.ended(order, ctx.now());
        ctx.events().add(new OrderUpdated(order.state()));
    }

    private Portfolio portfolio(String accountId) {
        return portfolios.get(accountId).orElseThrow();
    }

    private static String ref(Order order) {
        return "order:" + order.id;
    }
}
