package io.bulwark.account;

import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.Transferred;
import io.bulwark.journal.Committed;
import io.bulwark.journal.Projection;
import io.bulwark.journal.SqlBatch;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Writes every transfer to {@code ledger_entries} ({@code entry_index} = the event's position in its
 * command's events) and the balances after it to {@code balances}. The balance upsert is an
 * INSERT ... SELECT so the driver never folds a batch into one multi-row INSERT, which could not
 * update the same account (EXTERNAL, say) twice.
 */
@Component
class LedgerProjection implements Projection {
    static final String INSERT_ENTRY = """
            INSERT INTO ledger_entries (sequence, entry_index, from_account, to_account, amount, kind, reference,
                                        from_balance, to_balance, time)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;
    static final String UPSERT_BALANCE = """
            INSERT INTO balances AS b (account, balance, updated_sequence)
            SELECT ?::text, ?::numeric, ?::bigint
            ON CONFLICT (account) DO UPDATE SET balance = EXCLUDED.balance, updated_sequence = EXCLUDED.updated_sequence
            WHERE b.updated_sequence <= EXCLUDED.updated_sequence
            """;

    @Override
    public List<String> tables() {
        return List.of("ledger_entries", "balances");
    }

    @Override
    public void project(Committed entry, SqlBatch batch) {
        List<Event> events = entry.events();
        long seq = entry.sequence();
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) instanceof Transferred t) {
                batch.add(
                        INSERT_ENTRY,
                        seq,
                        i,
                        t.from(),
                        t.to(),
                        t.amount(),
                        t.kind().name(),
                        t.reference(),
                        t.fromBalance(),
                        t.toBalance(),
                        AccountProjection.time(entry));
                batch.addLatest(UPSERT_BALANCE, t.from(), t.from(), t.fromBalance(), seq);
                batch.addLatest(UPSERT_BALANCE, t.to(), t.to(), t.toBalance(), seq);
            }
        }
    }
}
