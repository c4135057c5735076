package io.bulwark.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.engine.TradingFloor;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.command.Deposit;
import io.bulwark.engine.command.PlaceOrder;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.TransferKind;
import io.bulwark.engine.event.Transferred;
import io.bulwark.engine.order.OrderType;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.order.TimeInForce;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The binary COPY of journal rows ({@link JournalCopy}) stores exactly what the single-row INSERT ({@link
 * JournalRows}) stored, with the same hash chain, which recovery's check accepts; a COPY that fails stores
 * nothing.
 */
class JournalCopyTests {
    private static final JournalHarness db = new JournalHarness();
    private final JournalCodec codec = new JournalCodec();

    @AfterAll
    static void close() {
        db.close();
    }

    /** Texts that have to survive the binary stream: multi-byte UTF-8, escapes, controls, a lone surrogate. */
    private static final List<String> AWKWARD = List.of(
            "plain",
            "",
            "Zoë Çağrı – “quoted” 中文 🚀",
            "\"quotes\" \\backslash\\ /slash",
            "tab\tnewline\ncarriage\rbell\u0007",
            "lone \uD800 surrogate",
            "x".repeat(70_000));

    private static final List<BigDecimal> NUMBERS = List.of(
            new BigDecimal("0"),
            new BigDecimal("0.000000000000000001"),
            new BigDecimal("-123456789012345678901234567890.123456789012345678"),
            new BigDecimal("1000000000000000000000000000000"),
            new BigDecimal("250.500000"));

    private List<JournalEntry> awkwardRows() {
        List<JournalEntry> rows = new ArrayList<>();
        long sequence = 1;
        for (String text : AWKWARD) {
            for (BigDecimal n : NUMBERS) {
                Command command = new Deposit("acct-" + text, n, text);
                List<Event> events = List.of(new Transferred("EXTERNAL", "7", n, TransferKind.DEPOSIT, text, n, n));
                rows.add(new JournalEntry(sequence, 1_700_000_000_000L + sequence, command, events, text, new byte[0]));
                sequence++;
            }
        }
        // absent optional fields (no price on a market order) and an empty event list
        rows.add(new JournalEntry(
                sequence,
                Long.MAX_VALUE,
                new PlaceOrder(
                        "7",
                        TradingFloor.BTC,
                        Side.SELL,
                        OrderType.MARKET,
                        TimeInForce.IOC,
                        null,
                        null,
                        new BigDecimal("0.001"),
                        true,
                        null),
                List.of(),
                "admin:1",
                new byte[0]));
        return rows;
    }

    @Test
    void copiedRowsAreTheRowsTheInsertWroteWithTheSameHashChain() throws Exception {
        List<JournalEntry> rows = awkwardRows();
        try (Connection c = GroupCommits.connect(db.url)) {
            String inserted = insert(c, rows, "prev");
            List<List<Object>> byInsert = stored(c);
            clear(c);

            String copied = new JournalCopy(codec).write(c, 3, rows, "prev");
            c.commit();
            List<List<Object>> byCopy = stored(c);
            clear(c);

            assertThat(copied).isEqualTo(inserted);
            assertThat(byCopy).hasSize(rows.size()).isEqualTo(byInsert);
        }
    }

    @Test
    void recoveryChecksOfCopiedRowsHold() throws Exception {
        List<JournalEntry> rows = awkwardRows();
        try (Connection c = GroupCommits.connect(db.url)) {
            new JournalCopy(codec).write(c, 3, rows, RowHash.GENESIS);
            c.commit();
            String previous = RowHash.GENESIS;
            RowHash hash = new RowHash();
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT sequence, ts, command::text, events::text, actor, row_hash,"
                            + " writer_epoch FROM journal ORDER BY sequence")) {
                int i = 0;
                while (rs.next()) {
                    StoredRow.Canonical row = StoredRow.parse(
                                    codec, rs.getLong(1), rs.getString(3), rs.getString(4), new RecoveryProblems())
                            .orElseThrow();
                    String recomputed = hash.next(
                            previous,
                            rs.getLong(1),
                            rs.getLong(2),
                            row.commandJson(),
                            row.eventsJson(),
                            rs.getString(5));
                    assertThat(recomputed).as("row %d", rs.getLong(1)).isEqualTo(rs.getString(6));
                    assertThat(rs.getLong(7)).isEqualTo(3);
                    JournalEntry written = rows.get(i++);
                    if (!written.actor().contains("\uD800")) { // a lone surrogate is stored as '?', like the INSERT did
                        assertThat(row.command()).isEqualTo(written.command());
                        assertThat(row.events()).isEqualTo(written.events());
                        assertThat(rs.getString(5)).isEqualTo(written.actor());
                    }
                    previous = rs.getString(6);
                }
                assertThat(i).isEqualTo(rows.size());
            }
            clear(c);
        }
    }

    @Test
    void aCopyThatFailsPartWayLeavesNothingAndTheConnectionRollsBack() throws Exception {
        List<JournalEntry> rows = awkwardRows().subList(0, 5);
        try (Connection c = GroupCommits.connect(db.url)) {
            // a row already at the fourth sequence: the COPY fails on its primary key after three rows
            insert(c, List.of(rows.get(3)), RowHash.GENESIS);

            assertThatThrownBy(() -> new JournalCopy(codec).write(c, 3, rows, RowHash.GENESIS))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("journal_pkey");
            c.rollback();

            assertThat(db.count("SELECT count(*) FROM journal")).isEqualTo(1);
            assertThat(new JournalCopy(codec).write(c, 3, rows.subList(0, 3), RowHash.GENESIS))
                    .as("the connection is usable after the rollback")
                    .isNotEmpty();
            c.commit();
            assertThat(db.count("SELECT count(*) FROM journal")).isEqualTo(4);
            clear(c);
        }
    }

    @Test
    void theStreamIsPostgresBinaryCopyFormat() {
        byte[] stream = new JournalCopy(codec).encode(1, List.of(), RowHash.GENESIS);

        assertThat(stream)
                .as("signature, flags, header extension length, trailer")
                .containsExactly(
                        'P', 'G', 'C', 'O', 'P', 'Y', '\n', 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff);
    }

    private String insert(Connection c, List<JournalEntry> rows, String previous) throws SQLException {
        JournalRows journalRows = new JournalRows(codec);
        String chain = previous;
        try (PreparedStatement ps = c.prepareStatement(JournalRows.INSERT)) {
            for (JournalEntry e : rows) {
                chain = journalRows.bind(ps, 3, e.committed(), chain);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        c.commit();
        return chain;
    }

    private static List<List<Object>> stored(Connection c) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT sequence, writer_epoch, ts, command_type, command::text,"
                        + " events::text, actor, row_hash, reverted FROM journal ORDER BY sequence")) {
            while (rs.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= 9; i++) {
                    row.add(rs.getObject(i));
                }
                rows.add(row);
            }
        }
        c.commit();
        return rows;
    }

    private static void clear(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DELETE FROM journal");
        }
        c.commit();
    }
}
