package io.bulwark.liquidation;

import io.bulwark.engine.event.Deleveraged;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.Liquidated;
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
 * Writes every {@link Liquidated} to {@code liquidations} and every {@link Deleveraged} to
 * {@code deleveragings}. Rows are only ever inserted, each under its own key, so the driver may fold a
 * batch into multi-row INSERTs.
 */
@Component
class LiquidationProjection implements Projection {
    static final String INSERT_LIQUIDATION = """
            INSERT INTO liquidations (liquidation_id, sequence, event_index, account_id, market, size, price,
                                      mark_price, index_price, equity_before, maintenance_requirement_before, fee,
                                      bad_debt, price_healthy, deleveraged, time)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;
    static final String INSERT_DELEVERAGING = """
            INSERT INTO deleveragings (deleveraging_id, sequence, event_index, account_id, market, size, price,
                                       bankrupt_account_id, time)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;

    @Override
    public List<String> tables() {
        return List.of("liquidations", "deleveragings");
    }

    @Override
    public void project(Committed entry, SqlBatch batch) {
        OffsetDateTime time = OffsetDateTime.ofInstant(Instant.ofEpochMilli(entry.timestamp()), ZoneOffset.UTC);
        long sequence = entry.sequence();
        int liquidations = 0;
        int deleveragings = 0;
        for (Event event : entry.events()) {
            switch (event) {
                case Liquidated l -> {
                    liquidations++;
                    batch.add(
                            INSERT_LIQUIDATION,
                            EventCursor.id(sequence, liquidations),
                            sequence,
                            liquidations,
                            l.accountId(),
                            l.market(),
                            l.size(),
                            l.price(),
                            l.markPrice(),
                            l.indexPrice(),
                            l.equityBefore(),
                            l.maintenanceRequirementBefore(),
                            l.fee(),
                            l.badDebt(),
                            l.priceHealthy(),
                            l.deleveraged(),
                            time);
                }
                case Deleveraged d -> {
                    deleveragings++;
                    batch.add(
                            INSERT_DELEVERAGING,
                            EventCursor.id(sequence, deleveragings),
                            sequence,
                            deleveragings,
                            d.accountId(),
                            d.market(),
                            d.size(),
                            d.price(),
                            d.bankruptAccountId(),
                            time);
                }
                default -> {}
            }
        }
    }
}
