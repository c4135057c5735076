package io.bulwark.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.Outcome;
import io.bulwark.engine.TradingFloor;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.command.PostOraclePrices;
import io.bulwark.engine.command.StartEngine;
import io.bulwark.engine.order.OrderType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every command and the events it produces survive the journal's JSON exactly (replay depends on it). */
class JournalCodecTests {
    private final JournalCodec codec = new JournalCodec();

    @Test
    void aTradingSessionRoundTripsThroughTheJournalCodec() {
        TradingFloor floor = new TradingFloor();
        List<Command> commands = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        java.util.function.Consumer<Command> record = c -> {
            commands.add(c);
            outcomes.add(floor.apply(c));
        };
        record.accept(new StartEngine("codec", 60, 10, 10_000, 120));
        floor.prices("65000");
        var alice = floor.trader("alice", "100000");
        var bob = floor.trader("bob", "100000");
        alice.sells("1").at("65000").clientOrderId("c-1").placed();
        bob.buys("1").at("65000").placed();
        bob.sells("0.5").triggered(OrderType.STOP_LIMIT, "60000").at("59000").placed();
        record.accept(new PostOraclePrices(List.of(new PostOraclePrices.Quote(TradingFloor.BTC, "x", "NaN", 1))));

        for (Command c : commands) {
            assertThat(codec.readCommand(codec.writeCommand(c))).isEqualTo(c);
        }
        for (Outcome o : outcomes) {
            if (o instanceof Outcome.Applied a) {
                String json = codec.writeEvents(a.events());
                assertThat(codec.writeEvents(codec.readEvents(json))).isEqualTo(json);
            }
        }
        var place = new io.bulwark.engine.command.PlaceOrder(
                alice.accountId,
                TradingFloor.BTC,
                io.bulwark.engine.order.Side.BUY,
                OrderType.LIMIT,
                io.bulwark.engine.order.TimeInForce.GTC,
                new java.math.BigDecimal("65000.5"),
                null,
                new java.math.BigDecimal("0.001"),
                false,
                "");
        assertThat(codec.readCommand(codec.writeCommand(place))).isEqualTo(place);
    }

    @Test
    void aRefundJournaledBeforeItemsExistedReadsWithoutItemsAndKeepsItsTextAndHash() {
        String command = "{\"@type\":\"PayRefunds\",\"incidentId\":\"7\",\"refunds\":[{\"accountId\":\"3\","
                + "\"amount\":\"867.5\"}],\"actor\":\"admin:1\"}";
        String events =
                "[{\"@type\":\"RefundPaid\",\"incidentId\":\"7\",\"accountId\":\"3\"," + "\"amount\":\"867.500000\"}]";

        var decoded = (io.bulwark.engine.command.PayRefunds) codec.readCommand(command);

        assertThat(decoded.refunds().getFirst().items()).isNull();
        assertThat(codec.writeCommand(decoded)).isEqualTo(command);
        assertThat(codec.writeEvents(codec.readEvents(events))).isEqualTo(events);
    }
}
