package io.bulwark.journal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Writes a group commit's journal rows with one {@code COPY journal (...) FROM STDIN (FORMAT binary)}: the
 * same columns, values and row hashes as {@link JournalRows#INSERT}, but one statement for the whole commit
 * instead of one bound INSERT per row, and each row's command and events encoded to UTF-8 once (for the row
 * and for its hash). The stored rows are exactly what the INSERT stores ({@code jsonb} from the same text), so
 * recovery, audit and rollbacks read them as before and rows from older builds replay unchanged.
 *
 * <p>Not thread-safe: one per journal writer, which reuses its buffer from commit to commit.
 */
final class JournalCopy {
    static final String COPY = "COPY journal (sequence, writer_epoch, ts, command_type, command, events, actor,"
            + " row_hash) FROM STDIN (FORMAT binary)";

    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0};
    private static final short COLUMNS = 8;
    /** jsonb's binary input: a version byte, then the text. */
    private static final byte JSONB_VERSION = 1;
    /** Rows are sent in pieces of about this size; the buffer kept between commits is at most this big. */
    private static final int CHUNK = 1 << 20;

    private final JournalCodec codec;
    private final RowHash rowHash = new RowHash();
    private byte[] buffer = new byte[64 * 1024];
    private int length;

    JournalCopy(JournalCodec codec) {
        this.codec = codec;
    }

    /**
     * Writes {@code rows} (in sequence order), in writer term {@code epoch}, as the rows after the one whose
     * hash is {@code previousRowHash}, inside the caller's transaction; returns the last row's hash. When it
     * throws, the transaction must be rolled back (the COPY may have stored some rows in it).
     */
    String write(Connection connection, long epoch, List<JournalEntry> rows, String previousRowHash)
            throws SQLException {
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
        try {
            length = 0;
            header();
            String chain = previousRowHash;
            for (JournalEntry row : rows) {
                chain = row(epoch, row, chain);
                if (length >= CHUNK) {
                    copy.writeToCopy(buffer, 0, length);
                    length = 0;
                }
            }
            putShort((short) -1);
            copy.writeToCopy(buffer, 0, length);
            copy.endCopy();
            return chain;
        } finally {
            if (copy.isActive()) {
                try {
                    copy.cancelCopy();
                } catch (SQLException ignored) {
                    // the connection is broken too; the caller's rollback reports it
                }
            }
            if (buffer.length > CHUNK * 2) {
                buffer = new byte[CHUNK * 2];
            }
        }
    }

    /** The binary COPY stream for {@code rows}, as {@link #write} sends it (for tests). */
    byte[] encode(long epoch, List<JournalEntry> rows, String previousRowHash) {
        length = 0;
        header();
        String chain = previousRowHash;
        for (JournalEntry row : rows) {
            chain = row(epoch, row, chain);
        }
        putShort((short) -1);
        return Arrays.copyOf(buffer, length);
    }

    private void header() {
        put(SIGNATURE);
        putInt(0); // flags: no OIDs
        putInt(0); // no header extension
    }

    private String row(long epoch, JournalEntry row, String previousRowHash) {
        byte[] command = codec.writeCommand(row.command()).getBytes(StandardCharsets.UTF_8);
        byte[] events = codec.writeEvents(row.events()).getBytes(StandardCharsets.UTF_8);
        byte[] actor = row.actor() == null ? null : row.actor().getBytes(StandardCharsets.UTF_8);
        String hash = rowHash.next(
                previousRowHash,
                row.sequence(),
                row.timestamp(),
                command,
                events,
                actor == null ? "null".getBytes(StandardCharsets.US_ASCII) : actor);
        putShort(COLUMNS);
        putBigint(row.sequence());
        putBigint(epoch);
        putBigint(row.timestamp());
        putText(JournalCodec.typeName(row.command()).getBytes(StandardCharsets.UTF_8));
        putJsonb(command);
        putJsonb(events);
        putText(actor);
        putText(hash.getBytes(StandardCharsets.US_ASCII));
        return hash;
    }

    private void putBigint(long value) {
        putInt(8);
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buffer[length++] = (byte) (value >>> shift);
        }
    }

    /** A text value (null: SQL NULL). */
    private void putText(byte[] utf8) {
        if (utf8 == null) {
            putInt(-1);
            return;
        }
        putInt(utf8.length);
        put(utf8);
    }

    private void putJsonb(byte[] utf8) {
        putInt(utf8.length + 1);
        ensure(1);
        buffer[length++] = JSONB_VERSION;
        put(utf8);
    }

    private void putShort(short value) {
        ensure(2);
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) value;
    }

    private void putInt(int value) {
        ensure(4);
        buffer[length++] = (byte) (value >>> 24);
        buffer[length++] = (byte) (value >>> 16);
        buffer[length++] = (byte) (value >>> 8);
        buffer[length++] = (byte) value;
    }

    private void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, length, bytes.length);
        length += bytes.length;
    }

    private void ensure(int more) {
        if (length + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + more));
        }
    }
}
