package io.bulwark.engine;

import static io.bulwark.engine.TradingFloor.BTC;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.command.CancelOrder;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.command.CreateAccount;
import io.bulwark.engine.command.CreateMarket;
import io.bulwark.engine.command.Deposit;
import io.bulwark.engine.command.PlaceOrder;
import io.bulwark.engine.command.PostOraclePrices;
import io.bulwark.engine.command.StartEngine;
import io.bulwark.engine.command.Tick;
import io.bulwark.engine.event.AccountCreated;
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
 * SPEC section 4 (v2): the state grows with live orders and the retention window, not with every order
 * ever placed (issue 12: 2,000 IOC orders with client order ids grew a snapshot from 2.5 KB to 240 KB, and
 * every oracle source name ever heard stayed in memory). Thousands of orders, each with a client order
 * id, and a feed whose source names rotate: once the retention has passed the snapshot stays flat; with
 * an older build's StartEngine (no limits) the same flow grows it by every order, as before.
 */
class BoundedStateTests {
    private static final long RETENTION_SECONDS = 60;
    private static final long SOURCE_RETENTION_SECONDS = 300;

    /** An engine fed the churn, with every command and its timestamp kept for replay. */
    private static final class Churn {
        final Engine engine = new Engine();
        final List<Command> commands = new ArrayList<>();
        final List<Long> timestamps = new ArrayList<>();
        long now = 1_700_000_000_000L;
        String alice;
        String bob;
        String carol;
        String carolsBid;
        int placed;

        Churn(StartEngine start) {
            apply(start);
            apply(new CreateMarket(TradingFloor.btc()));
            alice = account("alice");
            bob = account("bob");
            carol = account("carol");
            for (int i = 0; i < 3; i++) {
                price("feed-0");
            }
        }

        Outcome apply(Command command) {
            now += 1000;
            commands.add(command);
            timestamps.add(now);
            return engine.apply(command, now);
        }

        String account(String name) {
            var created = (Outcome.Applied) apply(new CreateAccount(name, "key_" + name, "hash_" + name));
            String id = ((AccountCreated) created.events().getFirst()).accountId();
            apply(new Deposit(id, new BigDecimal("10000000"), "dep-" + name));
            return id;
        }

        void price(String source) {
            apply(new PostOraclePrices(List.of(new PostOraclePrices.Quote(BTC, source, "65000", now + 1000))));
        }

        Outcome.Applied order(String account, Side side, TimeInForce tif, String price, String clientOrderId) {
            placed++;
            Outcome outcome = apply(new PlaceOrder(
                    account,
                    BTC,
                    side,
                    OrderType.LIMIT,
                    tif,
                    new BigDecimal(price),
                    null,
                    new BigDecimal("0.01"),
                    false,
                    clientOrderId));
            assertThat(outcome).isInstanceOf(Outcome.Applied.class);
            return (Outcome.Applied) outcome;
        }

        /**
         * One round: a resting order taken at once by an IOC (sides alternate, so positions stay flat), a
         * Tick, and every tenth round carol replaces her bid and the feed speaks under the name of the hour.
         */
        void round(int i) {
            Side side = i % 2 == 0 ? Side.SELL : Side.BUY;
            order(alice, side, TimeInForce.GTC, "65000", "a-%07d".formatted(i));
            order(bob, side.opposite(), TimeInForce.IOC, "65000", "b-%07d".formatted(i));
            apply(new Tick());
            if (i % 10 == 0) {
                if (carolsBid != null) {
                    apply(new CancelOrder(carol, carolsBid));
                }
                carolsBid = ((OrderPlaced) order(carol, Side.BUY, TimeInForce.GTC, "64000", "c-%07d".formatted(i))
                                .events()
                                .getFirst())
                        .order()
                        .orderId();
                price("feed-" + i / 200); // a new source name every 200 rounds (10 minutes)
            }
        }

        int snapshotBytes() {
            return engine.serialize().length;
        }
    }

    private static StartEngine thisBuild() {
        return StartEngine.of("soak")
                .withFundingSampleSeconds(60)
                .withBreaker(10, 10_000)
                .withOrderLimits(200, 5000, RETENTION_SECONDS)
                .withOracleSourceRetentionSeconds(SOURCE_RETENTION_SECONDS);
    }

    @Test
    void onceTheRetentionHasPassedTheSnapshotStaysFlatHoweverManyOrdersFollow() {
        Churn churn = new Churn(thisBuild());
        for (int i = 0; i < 1_000; i++) {
            churn.round(i);
        }
        int settled = churn.snapshotBytes();
        int placedThen = churn.placed;
        for (int i = 1_000; i < 5_000; i++) {
            churn.round(i);
        }

        assertThat(churn.placed - placedThen).isGreaterThan(8_000);
        assertThat(churn.snapshotBytes())
                .as("%d orders later", churn.placed - placedThen)
                .isBetween(settled - settled / 50, settled + settled / 50);
        assertThat(churn.engine.oracleSources().sources())
                .as("only the sources heard from within the retention")
                .hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void anOlderBuildsStartEngineKeepsEveryIdAsItDid() {
        Churn churn = new Churn(StartEngine.of("old-build")
                .withFundingSampleSeconds(60)
                .withBreaker(10, 10_000)
                .withRules(null));
        for (int i = 0; i < 1_000; i++) {
            churn.round(i);
        }
        int before = churn.snapshotBytes();
        int placedThen = churn.placed;
        for (int i = 1_000; i < 2_000; i++) {
            churn.round(i);
        }

        assertThat(churn.snapshotBytes() - before)
                .as("every one of the %d client order ids is kept", churn.placed - placedThen)
                .isGreaterThan(40 * (churn.placed - placedThen));
        assertThat(churn.engine.oracleSources().sources()).hasSize(10);
    }

    @Test
    void replayAndARestoredSnapshotReachTheSameStateHash() {
        Churn churn = new Churn(thisBuild());
        int middle = 0;
        byte[] snapshot = null;
        for (int i = 0; i < 600; i++) {
            churn.round(i);
            if (i == 300) {
                middle = churn.commands.size();
                snapshot = churn.engine.serialize();
            }
        }

        Engine replayed = new Engine();
        for (int c = 0; c < churn.commands.size(); c++) {
            replayed.apply(churn.commands.get(c), churn.timestamps.get(c));
        }
        Engine restored = Engine.restore(snapshot);
        for (int c = middle; c < churn.commands.size(); c++) {
            restored.apply(churn.commands.get(c), churn.timestamps.get(c));
        }

        assertThat(replayed.stateHash()).isEqualTo(churn.engine.stateHash());
        assertThat(restored.stateHash()).isEqualTo(churn.engine.stateHash());
    }
}
