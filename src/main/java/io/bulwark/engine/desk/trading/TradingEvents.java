package io.bulwark.engine.desk.trading;

import io.bulwark.engine.book.OrderBook;
import io.bulwark.engine.event.OrderBookChanged;
import io.bulwark.engine.event.OrderBookChanged.PriceSize;
import io.bulwark.engine.event.PositionChanged;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.position.Portfolios;
import io.bulwark.engine.position.Position;
import io.bulwark.engine.state.Market;
import io.bulwark.engine.state.Markets;
import java.util.List;

/** The summary events that close a trading command: positions and book levels it changed. */
final class TradingEvents {
    private TradingEvents() {}

    static void positions(CommandContext ctx, Portfolios portfolios, Markets markets) {
        for (String key : ctx.touchedPositions()) {
            int split = key.indexOf('\n');
            String accountId = key.substring(0, split);
            String marketName = key.substring(split + 1);
            Market market = markets.get(marketName).orElseThrow();
            Position p = portfolios.get(accountId).orElseThrow().position(marketName);
            var step = market.spec().stepSize();
            ctx.events()
                    .add(new PositionChanged(
                            accountId, marketName, p.size(step), p.entryPrice(step), p.costBasis(), p.realizedPnl()));
        }
    }

    static void books(CommandContext ctx, Markets markets) {
        for (Market market : markets.all()) {
            List<OrderBook.Level> bids = market.book().drainChanges(Side.BUY);
            List<OrderBook.Level> asks = market.book().drainChanges(Side.SELL);
            if (!bids.isEmpty() || !asks.isEmpty()) {
                ctx.events()
                        .add(new OrderBookChanged(market.spec().market(), priced(market, bids), priced(market, asks)));
            }
        }
    }

    private static List<PriceSize> priced(Market market, List<OrderBook.Level> levels) {
        // A plain loop: this runs after every command that moved a book (issue 15).
        PriceSize[] priced = new PriceSize[levels.size()];
        for (int i = 0; i < priced.length; i++) {
            OrderBook.Level l = levels.get(i);
            priced[i] = new PriceSize(market.price(l.priceTicks()), market.size(l.sizeSteps()));
        }
        return List.of(priced);
    }
}
