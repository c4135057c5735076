package io.bulwark.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.command.AmendOrder;
import io.bulwark.engine.command.ArmCancelAfter;
import io.bulwark.engine.command.CancelOrder;
import io.bulwark.engine.command.CancelOrders;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.command.CreateAccount;
import io.bulwark.engine.command.CreateMarket;
import io.bulwark.engine.command.Deposit;
import io.bulwark.engine.command.PlaceOrder;
import io.bulwark.engine.command.PostOraclePrices;
import io.bulwark.engine.command.TakeSnapshot;
import io.bulwark.engine.command.Tick;
import io.bulwark.engine.command.Withdraw;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.order.OrderType;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.order.TimeInForce;
import io.bulwark.engine.snapshot.CanonicalWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * An engine restored from its own snapshot ({@code Engine.restore(engine.serialize())}) behaves exactly like
 * the live engine it was taken from: fed the same later commands, both give the same outcomes, rendered to
 * text with every decimal's scale, and the same state hash after every command. A restart from a periodic
 * snapshot must not change a single event or value.
 */
class RestoredEngineEquivalenceTests {
    private static final String BTC = TradingFloor.BTC;
    private static final String ETH = "ETH-USD-PERP";
    private static final int ACCOUNTS = 30;
    private static final int COMMANDS = 12_000;
    private static final int[] RESTORE_AT = {70, 500, 2_000, 4_321, 7_000, 9_999};

    @Test
    void anEngineRestoredFromItsSnapshotBehavesLikeTheLiveOne() {
        Engine live = new Engine();
        List<Engine> restored = new ArrayList<>();
        Stream stream = new Stream(new Random(20261205L));
        long now = 1_700_000_000_000L;
        List<String[]> placed = new ArrayList<>();
        int next = 0;
        List<String> divergences = new ArrayList<>();
        for (int i = 0; i < COMMANDS; i++) {
            if (next < RESTORE_AT.length && i == RESTORE_AT[next]) {
                restored.add(Engine.restore(live.serialize()));
                next++;
            }
            now += stream.random.nextInt(i % 997 == 0 ? 600_000 : 2_000);
            Command command = stream.next(i, placed, now);
            Outcome outcome = live.apply(command, now);
            String text = describe(outcome);
            for (int r = 0; r < restored.size(); r++) {
                Engine copy = restored.get(r);
                if (copy == null) {
                    continue;
                }
                String theirs = describe(copy.apply(command, now));
                String problem = !theirs.equals(text)
                        ? "command " + i + " gives\n live:     " + text + "\n restored: " + theirs
                        : !copy.stateHash().equals(live.stateHash()) ? "state differs after command " + i : null;
                if (problem != null) {
                    // the first divergence of each restored engine is reported; that engine stops there
                    divergences.add("restored at " + RESTORE_AT[r] + ": " + problem);
                    restored.set(r, null);
                }
            }
            if (outcome instanceof Outcome.Applied applied) {
                for (Event e : applied.events()) {
                    if (e instanceof io.bulwark.engine.event.OrderPlaced p) {
                        placed.add(new String[] {
                            p.order().accountId(),
                            p.order().orderId(),
                            p.order().market()
                        });
                    }
                }
            }
        }
        assertThat(restored).hasSize(RESTORE_AT.length);
        assertThat(divergences).isEmpty();
    }

    private static String describe(Outcome outcome) {
        return switch (outcome) {
            case Outcome.Applied a ->
                "A " + a.sequence() + " " + a.timestamp() + " " + a.events() + " "
                        + (a.snapshot().length == 0 ? "-" : CanonicalWriter.sha256(a.snapshot()));
            default -> outcome.toString();
        };
    }

    /** The commands, drawn from one seeded Random: the same stream on every JVM. */
    private static final class Stream {
        final Random random;
        final BigDecimal[] index = {new BigDecimal("65000.0"), new BigDecimal("3200.00")};
        private final String[] markets = {BTC, ETH};
        private final int[] priceScale = {1, 2};
        private final int[] sizeScale = {3, 2};

        Stream(Random random) {
            this.random = random;
        }

        Command next(int i, List<String[]> placed, long now) {
            if (i == 0) {
                return new CreateMarket(TradingFloor.btc());
            }
            if (i == 1) {
                return new CreateMarket(TradingFloor.spec(ETH, "0.01", "0.01", "0.05", "0.03"));
            }
            if (i < 2 + ACCOUNTS) {
                int a = i - 1;
                return new CreateAccount("t" + a, "k" + a, "h" + a);
            }
            if (i < 2 + 2 * ACCOUNTS) {
                int a = i - 1 - ACCOUNTS;
                return new Deposit(Integer.toString(a), BigDecimal.valueOf(500L + 3_000L * a * a), "d" + a);
            }
            int roll = random.nextInt(1000);
            if (roll < 90 || i < 2 + 2 * ACCOUNTS + 12) {
                return prices(i, now);
            }
            String account = Integer.toString(1 + random.nextInt(ACCOUNTS));
            int m = random.nextInt(4) == 0 ? 1 : 0;
            if (roll < 580) {
                return place(account, m);
            }
            if (roll < 760 && !placed.isEmpty()) {
                String[] order = pick(placed);
                return amend(account, order[2].equals(ETH) ? 1 : 0, order);
            }
            if (roll < 930 && !placed.isEmpty()) {
                String[] order = pick(placed);
                // now and then by another account: refused
                return new CancelOrder(random.nextInt(10) == 0 ? account : order[0], order[1]);
            }
            if (roll < 945) {
                return new CancelOrders(account, random.nextBoolean() ? "" : markets[m], null);
            }
            if (roll < 960) {
                return new Deposit(account, BigDecimal.valueOf(random.nextInt(5_000) + 1, 1), "dep" + i);
            }
            if (roll < 975) {
                return new Withdraw(account, BigDecimal.valueOf(random.nextInt(20_000) + 1, 1), "w" + i);
            }
            if (roll < 990) {
                return new Tick();
            }
            if (roll < 993) {
                return new ArmCancelAfter(account, random.nextInt(3) * 30);
            }
            if (roll < 996) {
                return new io.bulwark.engine.command.ResumeLiquidations("ops", markets[m]);
            }
            if (roll < 997) {
                return new io.bulwark.engine.command.ResumeFunding(markets[m], "ops");
            }
            return new TakeSnapshot("golden " + i);
        }

        private String[] pick(List<String[]> placed) {
            int from = Math.max(0, placed.size() - 400);
            return placed.get(from + random.nextInt(placed.size() - from));
        }

        private Command prices(int i, long now) {
            int m = random.nextInt(2);
            int bps = random.nextInt(100) < 3 ? random.nextInt(1200) - 600 : random.nextInt(81) - 40;
            index[m] = index[m].multiply(BigDecimal.valueOf(10_000 + bps, 4))
                    .setScale(priceScale[m], RoundingMode.HALF_EVEN);
            List<PostOraclePrices.Quote> quotes = new ArrayList<>();
            for (String source : List.of("a", "b", "c")) {
                if (random.nextInt(10) != 0) {
                    BigDecimal p = index[m].multiply(BigDecimal.valueOf(10_000 + random.nextInt(5) - 2, 4))
                            .setScale(priceScale[m], RoundingMode.HALF_EVEN);
                    quotes.add(new PostOraclePrices.Quote(
                            markets[m], source, p.toPlainString(), now - random.nextInt(3_000)));
                }
            }
            if (quotes.isEmpty()) {
                quotes.add(new PostOraclePrices.Quote(markets[m], "a", index[m].toPlainString(), now));
            }
            return new PostOraclePrices(quotes);
        }

        private BigDecimal priceNear(int m, int spreadBps) {
            int bps = random.nextInt(2 * spreadBps + 1) - spreadBps;
            return index[m].multiply(BigDecimal.valueOf(10_000 + bps, 4)).setScale(priceScale[m], RoundingMode.DOWN);
        }

        private BigDecimal size(int m) {
            int steps = random.nextInt(10) == 0 ? 1 + random.nextInt(2_000) : 1 + random.nextInt(200);
            return BigDecimal.valueOf(steps, sizeScale[m]);
        }

        private Command place(String account, int m) {
            Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
            OrderType type = OrderType.values()[weighted(new int[] {70, 10, 6, 5, 5, 4})];
            TimeInForce tif = TimeInForce.values()[weighted(new int[] {75, 10, 5, 10})];
            BigDecimal price = type.hasLimitPrice() ? priceNear(m, 300) : null;
            BigDecimal trigger = type.isTriggered() ? priceNear(m, 400) : null;
            String clientId = random.nextInt(5) == 0 ? "c" + random.nextInt(50) : "";
            boolean reduceOnly = random.nextInt(8) == 0;
            return new PlaceOrder(account, markets[m], side, type, tif, price, trigger, size(m), reduceOnly, clientId);
        }

        private Command amend(String account, int m, String[] order) {
            BigDecimal price = random.nextBoolean() ? priceNear(m, 300) : null;
            BigDecimal size = price == null || random.nextBoolean() ? size(m) : null;
            return new AmendOrder(random.nextInt(10) == 0 ? account : order[0], order[1], price, size);
        }

        private int weighted(int[] weights) {
            int total = 0;
            for (int w : weights) {
                total += w;
            }
            int r = random.nextInt(total);
            for (int k = 0; k < weights.length; k++) {
                r -= weights[k];
                if (r < 0) {
                    return k;
                }
            }
            throw new IllegalStateException();
        }
    }
}
