package io.bulwark.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.Engine;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.command.Withdraw;
import io.bulwark.engine.event.Outcome;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Journals written before withdrawals had a reference still replay: a {@code Withdraw} row in the old
 * JSON form (no {@code reference}) decodes, re-encodes to the same text (the row-hash chain is computed
 * over it), and replays to exactly the events recorded live, including the old meaning that two
 * identical rows paid twice. A snapshot taken between them and the rest replayed reproduce the hash.
 */
class WithdrawalJournalCompatibilityTests {
    private static final long T0 = 1_700_000_000_000L;

    /** A journal row as an earlier build wrote it: command and events, text for text. */
    private record Row(long sequence, String command, String events) {}

    private static final List<Row> OLD_JOURNAL =
            List.of(new Row(1, """
                    {"@type":"CreateAccount","name":"alice","keyId":"k1","keyHash":"h1"}""", null), new Row(2, """
                    {"@type":"Deposit","accountId":"1","amount":"100","reference":"wire-1"}""", null), new Row(3, """
                    {"@type":"Withdraw","accountId":"1","amount":"30"}""", """
                    [{"@type":"Transferred","from":"1","to":"EXTERNAL","amount":"30.000000","kind":"WITHDRAWAL",\
                    "reference":"W3","fromBalance":"70.000000","toBalance":"-70.000000"}]"""), new Row(4, """
                    {"@type":"Withdraw","accountId":"1","amount":"30"}""", """
                    [{"@type":"Transferred","from":"1","to":"EXTERNAL","amount":"30.000000","kind":"WITHDRAWAL",\
                    "reference":"W4","fromBalance":"40.000000","toBalance":"-40.000000"}]"""));

    private final JournalCodec codec = new JournalCodec();

    private Outcome.Applied replay(Engine engine, Row row) {
        Command command = codec.readCommand(row.command());
        assertThat(codec.writeCommand(command))
                .as("row %d re-encodes to the text its hash was computed over", row.sequence())
                .isEqualTo(row.command());
        Outcome outcome = engine.replay(row.sequence(), T0 + row.sequence() * 1000, command);
        assertThat(outcome).as("row %d", row.sequence()).isInstanceOf(Outcome.Applied.class);
        Outcome.Applied applied = (Outcome.Applied) outcome;
        if (row.events() != null) {
            assertThat(codec.writeEvents(applied.events()))
                    .as("row %d replays to the events recorded live", row.sequence())
                    .isEqualTo(row.events());
        }
        return applied;
    }

    @Test
    void anOldWithdrawRowHasNoReferenceAndKeepsItsOldMeaning() {
        assertThat(codec.readCommand(OLD_JOURNAL.get(2).command()))
                .isEqualTo(new Withdraw("1", new BigDecimal("30"), null));

        Engine engine = new Engine();
        OLD_JOURNAL.forEach(row -> replay(engine, row));

        assertThat(engine.balance("1")).isEqualByComparingTo("40");
    }

    @Test
    void aSnapshotBetweenOldRowsAndTheReplayOfTheRestReproduceTheHash() {
        Engine live = new Engine();
        OLD_JOURNAL.subList(0, 3).forEach(row -> replay(live, row));
        byte[] snapshot = live.serialize();
        replay(live, OLD_JOURNAL.get(3));

        Engine recovered = Engine.restore(snapshot);
        replay(recovered, OLD_JOURNAL.get(3));

        assertThat(recovered.stateHash()).isEqualTo(live.stateHash());
    }

    @Test
    void aNewRowWithAReferenceRoundTripsAndIsIdempotentAfterOldRows() {
        Engine engine = new Engine();
        OLD_JOURNAL.forEach(row -> replay(engine, row));
        Withdraw withdraw = new Withdraw("1", new BigDecimal("10"), "payout-1");
        assertThat(codec.readCommand(codec.writeCommand(withdraw))).isEqualTo(withdraw);

        assertThat(engine.apply(withdraw, T0 + 10_000)).isInstanceOf(Outcome.Applied.class);
        assertThat(engine.apply(withdraw, T0 + 11_000)).isInstanceOf(Outcome.AlreadyApplied.class);
        assertThat(engine.balance("1")).isEqualByComparingTo("30");
    }
}
