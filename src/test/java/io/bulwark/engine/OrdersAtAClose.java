package io.bulwark.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.event.OrderUpdated;
import io.bulwark.engine.event.SnapshotTaken;
import io.bulwark.engine.order.CancelReason;
import io.bulwark.engine.order.OrderState;
import io.bulwark.engine.order.OrderStatus;
import io.bulwark.engine.order.OrderType;

/**
 * A trader's resting bid and untriggered stop before the exchange closes for maintenance (by an admin or
 * a maintenance window), and what the close must do: cancel the bid, keep the stop, take one snapshot.
 */
public record OrdersAtAClose(TradingFloor floor, TradingFloor.Trader trader, OrderState bid, OrderState stop) {

    /** BTC priced at 65000; bob bids 1 at 64000 and holds a stop-market sell of 1 at 60000. */
    public static OrdersAtAClose placedOn(TradingFloor floor) {
        floor.prices("65000");
        var bob = floor.trader("bob", "100000");
        var bid = bob.buys("1").at("64000").placed();
        var stop = bob.sells("1").triggered(OrderType.STOP_MARKET, "60000").placed();
        return new OrdersAtAClose(floor, bob, bid, stop);
    }

    /** The bid was cancelled for MAINTENANCE, the stop waits untriggered, one snapshot names the close. */
    public void assertClosedForMaintenance(String snapshotReasonPrefix) {
        assertThat(floor.events())
                .anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(OrderUpdated.class, u -> {
                    assertThat(u.order().orderId()).isEqualTo(bid.orderId());
                    assertThat(u.order().cancelReason()).isEqualTo(CancelReason.MAINTENANCE);
                }));
        assertThat(trader.liveOrders()).singleElement().satisfies(o -> {
            assertThat(o.orderId()).isEqualTo(stop.orderId());
            assertThat(o.status()).isEqualTo(OrderStatus.UNTRIGGERED);
        });
        assertThat(floor.events())
                .filteredOn(SnapshotTaken.class::isInstance)
                .singleElement()
                .satisfies(s -> assertThat(((SnapshotTaken) s).reason()).startsWith(snapshotReasonPrefix));
    }
}
