package io.bulwark.journal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a committed command becomes a journal row: its command and events as JSON, its link in the row
 * hash chain and the INSERT, the same for the group commit ({@link JournalWriter}) and a rollback's row;
 * and how rows are read back in order for the read models ({@link Projector}, {@link JournalRollback}).
 */
final class JournalRows {
    private static final Logger log = LoggerFactory.getLogger(JournalRows.class);
    private static final String READ_AFTER = "SELECT sequence, ts, command, events, actor, reverted FROM journal"
            + " WHERE sequence > ? ORDER BY sequence LIMIT ?";

    static final String INSERT = "INSERT INTO journal (sequence, writer_epoch, ts, command_type,"
            + " command, events, actor, row_hash) VALUES (?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?)";

    private final JournalCodec codec;
    private final RowHash rowHash = new RowHash();

    JournalRows(JournalCodec codec) {
        this.codec = codec;
    }

    /**
     * Binds {@code row}, written in writer term {@code epoch}, to {@code insert} ({@link #INSERT}) as the row
     * after the one whose hash is {@code previousRowHash}; returns its own row hash.
     */
    String bind(PreparedStatement insert, long epoch, Committed row, String previousRowHash) throws SQLException {
        String commandJson = codec.writeCommand(row.command());
        String eventsJson = codec.writeEvents(row.events());
        String hash =
                rowHash.next(previousRowHash, row.sequence(), row.timestamp(), commandJson, eventsJson, row.actor());
        insert.setLong(1, row.sequence());
        insert.setLong(2, epoch);
        insert.setLong(3, row.timestamp());
        insert.setString(4, JournalCodec.typeName(row.command()));
        insert.setString(5, commandJson);
        insert.setString(6, eventsJson);
        insert.setString(7, row.actor());
        insert.setString(8, hash);
        return hash;
    }

    /**
     * Up to {@code limit} journal rows after {@code after}, in order: {@code standing}, the rows not reverted,
     * decoded (an unreadable one is logged and left out of {@code leftOutOf}: recovery reports it and keeps
     * the exchange CLOSED); {@code read}, how many rows were read, reverted ones included; {@code
     * lastSequence}, the last of them ({@code after} when there was none).
     */
    record Page(List<Committed> standing, int read, long lastSequence) {}

    Page readAfter(Connection c, long after, int limit, String leftOutOf) throws SQLException {
        List<Committed> standing = new ArrayList<>();
        long last = after;
        int read = 0;
        try (PreparedStatement ps = c.prepareStatement(READ_AFTER)) {
            ps.setLong(1, after);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    read++;
                    last = rs.getLong(1);
                    if (rs.getBoolean(6)) {
                        continue;
                    }
                    try {
                        standing.add(new Committed(
                                last,
                                rs.getLong(2),
                                codec.readCommand(rs.getString(3)),
                                codec.readEvents(rs.getString(4)),
                                rs.getString(5)));
                    } catch (RuntimeException e) {
                        log.error("Journal row {} is unreadable; left out of {}", last, leftOutOf);
                    }
                }
            }
        }
        return new Page(standing, read, last);
    }
}
