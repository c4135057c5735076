package io.bulwark.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.Engine;
import io.bulwark.engine.TradingFloor;
import io.bulwark.engine.command.ArmCancelAfter;
import io.bulwark.engine.command.CancelOrders;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.command.PlaceOrder;
import io.bulwark.engine.command.Tick;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.order.CancelReason;
import io.bulwark.engine.order.OrderType;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.order.TimeInForce;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dead man's switch and cancel-on-disconnect through the journal's JSON: a journal with ArmCancelAfter
 * and reasoned CancelOrders rows replays, from scratch or from a snapshot taken while a switch was armed,
 * to the same events at the same sequences and the same state hash; a CancelOrders row of an older build
 * (no reason) keeps its text and its meaning.
 */
class DeadMansSwitchJournalTests {
    private final JournalCodec codec = new JournalCodec();

    /** One journal row: its sequence, timestamp and command as JSON, and the events recorded live. */
    private record Row(long sequence, long timestamp, String command, String events) {}

    private final TradingFloor floor = new TradingFloor();
    private final List<Row> journal = new ArrayList<>();

    /** Applies on the live floor and journals what was applied, as the sequencer does. */
    private void live(Command command) {
        Outcome outcome = floor.apply(command);
        if (outcome instanceof Outcome.Applied a) {
            journal.add(
                    new Row(a.sequence(), a.timestamp(), codec.writeCommand(command), codec.writeEvents(a.events())));
        }
    }

    private void replay(Engine engine, Row row) {
        Command command = codec.readCommand(row.command());
        assertThat(codec.writeCommand(command)).isEqualTo(row.command());
        Outcome outcome = engine.replay(row.sequence(), row.timestamp(), command);
        assertThat(outcome).isInstanceOf(Outcome.Applied.class);
        assertThat(codec.writeEvents(((Outcome.Applied) outcome).events()))
                .as("row %d replays to the events recorded live", row.sequence())
                .isEqualTo(row.events());
    }

    @Test
    void aJournalWithArmedSwitchesReplaysToTheSameCancelsAndHash() {
        // The floor's own setup commands are not journaled here: replay starts from a snapshot of it.
        var alice = floor.trader("alice", "1000000");
        var bob = floor.trader("bob", "1000000");
        floor.prices("65000");
        byte[] start = floor.engine.serialize();

        live(new ArmCancelAfter(alice.accountId, 5));
        live(order(alice.accountId, Side.BUY, OrderType.LIMIT, "64000", null));
        live(order(alice.accountId, Side.SELL, OrderType.STOP_MARKET, null, "60000"));
        live(order(bob.accountId, Side.BUY, OrderType.LIMIT, "63000", null));
        live(new ArmCancelAfter(bob.accountId, 600));
        byte[] armed = floor.engine.serialize();
        int armedAt = journal.size();
        live(new Tick());
        floor.now += 10_000;
        live(new Tick());
        live(new CancelOrders(bob.accountId, "", CancelReason.DISCONNECT));
        assertThat(alice.liveOrders()).isEmpty();
        assertThat(journal).anySatisfy(row -> assertThat(row.events()).contains("DEAD_MAN_SWITCH"));
        assertThat(journal).anySatisfy(row -> assertThat(row.events()).contains("DISCONNECT"));

        Engine fromStart = Engine.restore(start);
        journal.forEach(row -> replay(fromStart, row));
        assertThat(fromStart.stateHash()).isEqualTo(floor.engine.stateHash());

        Engine fromArmed = Engine.restore(armed);
        journal.subList(armedAt, journal.size()).forEach(row -> replay(fromArmed, row));
        assertThat(fromArmed.stateHash()).isEqualTo(floor.engine.stateHash());
    }

    private static PlaceOrder order(String accountId, Side side, OrderType type, String price, String trigger) {
        return new PlaceOrder(
                accountId,
                TradingFloor.BTC,
                side,
                type,
                TimeInForce.GTC,
                price == null ? null : new BigDecimal(price),
                trigger == null ? null : new BigDecimal(trigger),
                new BigDecimal("0.01"),
                false,
                "");
    }

    @Test
    void anOlderBuildsCancelOrdersRowHasNoReasonAndCancelsAsTheTrader() {
        String old = """
                {"@type":"CancelOrders","accountId":"1","market":""}""";
        Command command = codec.readCommand(old);

        assertThat(command).isEqualTo(new CancelOrders("1", ""));
        assertThat(((CancelOrders) command).reasonOrUser()).isEqualTo(CancelReason.USER);
        assertThat(codec.writeCommand(command)).isEqualTo(old);
        assertThat(codec.writeCommand(new CancelOrders("1", "", CancelReason.DISCONNECT)))
                .isEqualTo("""
                        {"@type":"CancelOrders","accountId":"1","market":"","reason":"DISCONNECT"}""");
        assertThat(codec.readCommand(codec.writeCommand(new ArmCancelAfter("1", 30))))
                .isEqualTo(new ArmCancelAfter("1", 30));
    }
}
