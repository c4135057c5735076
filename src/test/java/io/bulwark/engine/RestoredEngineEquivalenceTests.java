package io.bulwark.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.command.Command;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.snapshot.CanonicalWriter;
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
        GoldenStreamTests.Stream stream = new GoldenStreamTests.Stream(new Random(20261205L));
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
}
