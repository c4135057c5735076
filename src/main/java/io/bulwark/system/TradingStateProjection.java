package io.bulwark.system;

import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.TradingStateChanged;
import io.bulwark.journal.Committed;
import io.bulwark.journal.Projection;
import io.bulwark.journal.SqlBatch;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.stereotype.Component;

/** Records every exchange or market state transition in {@code trading_state_changes} (who, why, when). */
@Component
class TradingStateProjection implements Projection {
    static final String INSERT = """
            INSERT INTO trading_state_changes (sequence, market, from_state, to_state, reason, actor, forced, time)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """;

    @Override
    public List<String> tables() {
        return List.of("trading_state_changes");
    }

    @Override
    public void project(Committed entry, SqlBatch batch) {
        for (Event event : entry.events()) {
            if (event instanceof TradingStateChanged t) {
                batch.add(
                        INSERT,
                        entry.sequence(),
                        t.market(),
                        t.from().name(),
                        t.to().name(),
                        t.reason(),
                        t.actor(),
                        t.forced(),
                        OffsetDateTime.ofInstant(Instant.ofEpochMilli(entry.timestamp()), ZoneOffset.UTC));
            }
        }
    }
}
