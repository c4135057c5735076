package io.bulwark.trade;

import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.OrderBookChanged;
import io.bulwark.engine.event.Traded;
import io.bulwark.engine.order.Side;
import io.bulwark.web.socket.ChannelPublisher;
import io.bulwark.web.socket.SocketMessages;
import java.math.BigDecimal;
import org.springframework.stereotype.Component;

/**
 * The book and the tape: level changes to {@code orderbook}, trades to {@code trades} (both per market),
 * and each trade's two fills to the taker's and the maker's account channels. The book and trade messages
 * are the REST records; the channel envelope's {@code market}, {@code sequence} (the per-market counter)
 * and {@code time} take the place of theirs. A fill message is not {@link FillResponse}: it has no
 * {@code tradeId}.
 */
@Component
class TradeSocketMessages implements SocketMessages {

    record FillMessage(
            String fillId,
            String orderId,
            String market,
            Side side,
            BigDecimal price,
            BigDecimal size,
            BigDecimal fee,
            Liquidity liquidity) {

        static FillMessage of(FillResponse fill) {
            return new FillMessage(
                    fill.fillId(),
                    fill.orderId(),
                    fill.market(),
                    fill.side(),
                    fill.price(),
                    fill.size(),
                    fill.fee(),
                    fill.liquidity());
        }
    }

    @Override
    public void publish(Event event, ChannelPublisher out) {
        switch (event) {
            case OrderBookChanged b ->
                out.toMarket("orderbook", b.market(), OrderBookResponse.of(b, out.journalSequence()));
            case Traded t -> {
                out.toMarket("trades", t.market(), TradeResponse.of(t, out.journalSequence(), out.timestamp()));
                // The taker's fill first, then the maker's: the order FillResponse.of gives them in.
                for (FillResponse fill : FillResponse.of(t, out.journalSequence(), out.timestamp())) {
                    String accountId = fill.liquidity() == Liquidity.TAKER ? t.takerAccountId() : t.makerAccountId();
                    out.toAccount(accountId, "fill", FillMessage.of(fill));
                }
            }
            default -> {}
        }
    }
}
