package io.bulwark.position;

import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.PositionChanged;
import io.bulwark.journal.Committed;
import io.bulwark.journal.Projection;
import io.bulwark.journal.SqlBatch;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Keeps the latest position of every account in every market in {@code positions}, from PositionChanged.
 * {@link SqlBatch#addLatest} writes one row per position per group commit, the last; the sequence guard
 * keeps a row from ever going back to an older state, and the INSERT ... SELECT form is one the driver never
 * folds into a multi-row INSERT.
 */
@Component
class PositionProjection implements Projection {
    static final String UPSERT = """
            INSERT INTO positions AS p (account_id, market, size, entry_price, cost_basis, realized_pnl,
                                        updated_sequence)
            SELECT ?::text, ?::text, ?::numeric, ?::numeric, ?::numeric, ?::numeric, ?::bigint
            ON CONFLICT (account_id, market) DO UPDATE SET
                size = EXCLUDED.size,
                entry_price = EXCLUDED.entry_price,
                cost_basis = EXCLUDED.cost_basis,
                realized_pnl = EXCLUDED.realized_pnl,
                updated_sequence = EXCLUDED.updated_sequence
            WHERE p.updated_sequence <= EXCLUDED.updated_sequence
            """;

    @Override
    public List<String> tables() {
        return List.of("positions");
    }

    @Override
    public void project(Committed entry, SqlBatch batch) {
        for (Event event : entry.events()) {
            if (event instanceof PositionChanged p) {
                batch.addLatest(
                        UPSERT,
                        List.of(p.accountId(), p.market()),
                        p.accountId(),
                        p.market(),
                        p.size(),
                        p.entryPrice(),
                        p.costBasis(),
                        p.realizedPnl(),
                        entry.sequence());
            }
        }
    }
}
