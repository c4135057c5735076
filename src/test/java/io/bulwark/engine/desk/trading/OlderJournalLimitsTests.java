package io.bulwark.engine.desk.trading;

import static io.bulwark.engine.TradingFloor.BTC;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.Engine;
import io.bulwark.engine.TradingFloor;
import io.bulwark.engine.command.PlaceOrder;
import io.bulwark.engine.command.Rejection.Code;
import io.bulwark.engine.command.StartEngine;
import io.bulwark.engine.command.Tick;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.order.OrderState;
import io.bulwark.engine.order.OrderStatus;
import io.bulwark.engine.order.OrderType;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.order.TimeInForce;
import io.bulwark.engine.position.Portfolio;
import io.bulwark.engine.position.Portfolios;
import io.bulwark.engine.snapshot.CanonicalReader;
import io.bulwark.engine.snapshot.CanonicalWriter;
import io.bulwark.engine.state.Limits;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * A journal of an older build has StartEngine rows without limits (null): it replays as it ran, with no
 * limit on open orders, no resting band, and client order ids never forgotten. A term of this build turns
 * the limits on from its StartEngine; ids of orders that ended before start their countdown there.
 */
class OlderJournalLimitsTests {
    private final TradingFloor floor = new TradingFloor();
    private final TradingFloor.Trader alice = floor.trader("alice", "10000000");

    @Test
    void anOlderBuildsStartEngineHasNoLimitsAndForgetsNothing() {
        floor.apply(StartEngine.of("old-build").withRules(2));
        assertThat(alice.buys("0.01").at("1").placed().status())
                .as("no mark and far from anything: rested, as older builds did")
                .isEqualTo(OrderStatus.OPEN);
        floor.prices("65000");
        for (int i = 0; i < 250; i++) {
            alice.buys("0.01").at(Integer.toString(60_000 - i)).placed();
        }
        OrderState ended =
                alice.buys("0.01").at("60000").ioc().clientOrderId("old-id").placed();
        floor.now += 30L * 86_400_000;
        floor.apply(new Tick());

        assertThat(alice.liveOrders()).hasSize(251);
        assertThat(alice.buys("0.01").at("60000").ioc().clientOrderId("old-id").send())
                .as("remembered after 30 days")
                .isEqualTo(new Outcome.AlreadyApplied("order already placed", ended.orderId()));
        Engine restored = Engine.restore(floor.engine.serialize());
        assertThat(restored.stateHash()).isEqualTo(floor.engine.stateHash());
    }

    @Test
    void aTermOfThisBuildTurnsTheLimitsOnAndEndedIdsCountFromItsStart() {
        floor.apply(StartEngine.of("old-build").withRules(2));
        floor.prices("65000");
        for (int i = 0; i < 5; i++) {
            alice.buys("0.01").at(Integer.toString(60_000 - i)).placed();
        }
        OrderState ended =
                alice.buys("0.01").at("60000").ioc().clientOrderId("old-id").placed();
        floor.now += 30L * 86_400_000;

        floor.apply(OpenOrderLimitTests.limits(3, 5000, 60L));
        long started = floor.now;
        floor.prices("65000");

        assertThat(alice.liveOrders())
                .as("orders over the limit stay; no new one rests")
                .hasSize(5);
        assertThat(alice.buys("0.01").at("60000").rejected()).isEqualTo(Code.TOO_MANY_OPEN_ORDERS);
        floor.now = started + 60_000 - 2000;
        assertThat(alice.buys("0.01").at("60000").ioc().clientOrderId("old-id").send())
                .as("within 60 s of the start that set the retention")
                .isEqualTo(new Outcome.AlreadyApplied("order already placed", ended.orderId()));
        floor.now = started + 60_000 - 1000;
        assertThat(alice.buys("0.01").at("60000").ioc().clientOrderId("old-id").send())
                .isInstanceOf(Outcome.Applied.class);
    }

    @Test
    void aFormat3SnapshotRestoresWithEverythingOffAndNoCountdown() {
        CanonicalWriter v3 =
                new CanonicalWriter().writeInt(1).writeString("7").writeInt(0).writeInt(1);
        v3.writeString("bid-1").writeLong(42).writeString("BTC-USD-PERP|BUY|LIMIT|GTC|64000||0.01|false");
        CanonicalReader in = new CanonicalReader(v3.toByteArray());
        in.formatVersion(3);

        Portfolios portfolios = Portfolios.readFrom(in);
        Limits limits = Limits.readFrom(in);
        in.expectEnd();

        Portfolio.ClientOrder remembered =
                portfolios.get("7").orElseThrow().clientOrder("bid-1").orElseThrow();
        assertThat(remembered.orderId()).isEqualTo(42);
        assertThat(remembered.ended()).isFalse();
        assertThat(limits.maxOpenOrders()).isEmpty();
        assertThat(limits.restingBandBps()).isEmpty();
        assertThat(limits.clientOrderIdRetentionMillis()).isEmpty();
        assertThat(limits.oracleSourceRetentionMillis()).isEmpty();
    }

    @Test
    void theLimitsSurviveASnapshot() {
        floor.apply(OpenOrderLimitTests.limits(1, 5000, 60L));
        floor.prices("65000");
        alice.buys("0.01").at("64000").placed();

        Engine restored = Engine.restore(floor.engine.serialize());
        assertThat(restored.stateHash()).isEqualTo(floor.engine.stateHash());
        assertThat(rejection(restored.apply(bid("63000"), floor.now + 1000))).isEqualTo(Code.TOO_MANY_OPEN_ORDERS);
        alice.cancels(alice.liveOrders().getFirst().orderId());
        restored = Engine.restore(floor.engine.serialize());
        assertThat(rejection(restored.apply(bid("30000"), floor.now + 1000))).isEqualTo(Code.PRICE_OUTSIDE_BAND);
    }

    private PlaceOrder bid(String price) {
        return new PlaceOrder(
                alice.accountId,
                BTC,
                Side.BUY,
                OrderType.LIMIT,
                TimeInForce.GTC,
                new BigDecimal(price),
                null,
                new BigDecimal("0.01"),
                false,
                "");
    }

    private static Code rejection(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        return ((Outcome.Rejected) outcome).rejection().code();
    }
}
