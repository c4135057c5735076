package io.bulwark.incident;

import io.bulwark.journal.JournalCodec;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the journal for an audit: every row (not reverted) of the range, and before it the oracle rows of
 * the last {@code warmUpMillis}, so the reference feed has every source's latest price when the range begins.
 * Streams with a cursor: a long range is never held in memory.
 */
@Component
class IncidentJournal {
    private static final String ROWS = """
            SELECT sequence, ts, events FROM journal
            WHERE NOT reverted AND sequence <= ?
              AND (sequence >= ? OR (command_type = 'PostOraclePrices' AND ts >= ?))
            ORDER BY sequence
            """;
    private final JdbcTemplate jdbc;
    private final JournalCodec codec = new JournalCodec();

    IncidentJournal(DataSource dataSource) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(500);
    }

    @Transactional(readOnly = true)
    void read(long fromSequence, long toSequence, long warmUpMillis, IncidentAudit audit) {
        Long firstTs = jdbc.queryForObject(
                "SELECT min(ts) FROM journal WHERE sequence >= ? AND sequence <= ?",
                Long.class,
                fromSequence,
                toSequence);
        long since = firstTs == null ? Long.MAX_VALUE : firstTs - warmUpMillis;
        jdbc.query(
                ROWS,
                rs -> {
                    audit.row(rs.getLong(1), rs.getLong(2), codec.readEvents(rs.getString(3)));
                },
                toSequence,
                fromSequence,
                since);
    }
}
