package io.bulwark.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.command.AmendOrder;
import io.bulwark.engine.command.PlaceOrder;
import io.bulwark.engine.command.PostOraclePrices;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.OrderPlaced;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.order.OrderType;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.order.TimeInForce;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine keeps canonical decimals whatever scale a caller sends: "65000.0" and "65000" must give the
 * same events and state, or a replay after a snapshot (canonical text) disagrees with the live record.
 */
class CanonicalDecimalsTests {

    /** A session in which every decimal an order carries is written with the given trailing zeros. */
    private static BigDecimal d(String value, boolean pad) {
        return new BigDecimal(pad ? value + (value.contains(".") ? "000" : ".000") : value);
    }

    private static List<Event> session(TradingFloor f, boolean pad) {
        f.withMarket(TradingFloor.btc());
        List<Event> events = new ArrayList<>();
        TradingFloor.Trader alice = f.trader("alice");
        TradingFloor.Trader bob = f.trader("bob");
        alice.deposits("100000", "a");
        bob.deposits("100000", "b");
        long t = f.now + 1000;
        f.applied(new PostOraclePrices(List.of(
                new PostOraclePrices.Quote("BTC-USD-PERP", "a", "65000", t),
                new PostOraclePrices.Quote("BTC-USD-PERP", "b", "65000", t),
                new PostOraclePrices.Quote("BTC-USD-PERP", "c", "65000", t))));
        Outcome.Applied resting = f.applied(new PlaceOrder(
                alice.accountId,
                "BTC-USD-PERP",
                Side.SELL,
                OrderType.LIMIT,
                TimeInForce.GTC,
                d("65010", pad),
                null,
                d("1", pad),
                false,
                "r1"));
        events.addAll(resting.events());
        String orderId = resting.events().stream()
                .filter(OrderPlaced.class::isInstance)
                .map(e -> ((OrderPlaced) e).order().orderId())
                .findFirst()
                .orElseThrow();
        events.addAll(f.applied(new AmendOrder(alice.accountId, orderId, d("65005", pad), d("0.5", pad)))
                .events());
        events.addAll(f.applied(new PlaceOrder(
                        bob.accountId,
                        "BTC-USD-PERP",
                        Side.BUY,
                        OrderType.LIMIT,
                        TimeInForce.IOC,
                        d("65005", pad),
                        null,
                        d("0.25", pad),
                        false,
                        "t1"))
                .events());
        return events;
    }

    @Test
    void trailingZerosChangeNeitherEventsNorState() {
        TradingFloor plain = TradingFloor.empty();
        TradingFloor padded = TradingFloor.empty();
        List<Event> plainEvents = session(plain, false);
        List<Event> paddedEvents = session(padded, true);
        assertThat(paddedEvents).isEqualTo(plainEvents);
        assertThat(padded.engine.stateHash()).isEqualTo(plain.engine.stateHash());
    }
}
