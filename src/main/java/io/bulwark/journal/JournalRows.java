package io.bulwark.journal;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * How a committed command becomes a journal row: its command and events as JSON, its link in the row
 * hash chain and the INSERT, the same for the group commit ({@link JournalWriter}) and a rollback's row.
 */
final class JournalRows {
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
}
