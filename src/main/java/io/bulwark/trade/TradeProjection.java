package io.bulwark.trade;

import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.Traded;
import io.bulwark.journal.Committed;
import io.bulwark.journal.Projection;
import io.bulwark.journal.SqlBatch;
import io.bulwark.web.EventCursor;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Writes every {@link Traded} once to {@code trades} and twice to {@code fills} (the taker's and the
 * maker's fill). Rows are only ever inserted, each under its own key, so the driver may fold a batch into
 * multi-row INSERTs.
 */
@Component
class TradeProjection implements Projection {
    static final String INSERT_TRADE = """
            INSERT INTO trades (trade_id, sequence, trade_index, market, price, size, taker_side, taker_order_id,
                                maker_order_id, time)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;
    static final String INSERT_FILL = """
            INSERT INTO fills (fill_id, trade_id, sequence, trade_index, account_id, order_id, market, side, price,
                               size, fee, liquidity, time)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    @Override
    public List<String> tables() {
        return List.of("trades", "fills");
    }

    @Override
    public void project(Committed entry, SqlBatch batch) {
        for (Event event : entry.events()) {
            if (event instanceof Traded t) {
                int index = EventCursor.indexOf(t.tradeId());
                OffsetDateTime time = OffsetDateTime.ofInstant(Instant.ofEpochMilli(entry.timestamp()), ZoneOffset.UTC);
                batch.add(
                        INSERT_TRADE,
                        t.tradeId(),
                        entry.sequence(),
                        index,
                        t.market(),
                        t.price(),
                        t.size(),
                        t.takerSide().name(),
                        Long.parseLong(t.takerOrderId()),
                        Long.parseLong(t.makerOrderId()),
                        time);
                for (FillResponse fill : FillResponse.of(t, entry.sequence(), entry.timestamp())) {
                    String account = fill.liquidity() == Liquidity.TAKER ? t.takerAccountId() : t.makerAccountId();
                    batch.add(
                            INSERT_FILL,
                            fill.fillId(),
                            t.tradeId(),
                            entry.sequence(),
                            index,
                            account,
                            Long.parseLong(fill.orderId()),
                            fill.market(),
                            fill.side().name(),
                            fill.price(),
                            fill.size(),
                            fill.fee(),
                            fill.liquidity().name(),
                            time);
                }
            }
        }
    }
}
