package io.bulwark.engine.trading;

import static io.bulwark.engine.Outcome.reject;
import static io.bulwark.engine.Rejection.Code.UNKNOWN_ACCOUNT;
import static io.bulwark.engine.Rejection.Code.VALIDATION_FAILED;

import io.bulwark.engine.Outcome;
import io.bulwark.engine.command.ArmCancelAfter;
import io.bulwark.engine.command.CancelOrders;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.order.CancelReason;
import io.bulwark.engine.position.Portfolios;
import io.bulwark.engine.snapshot.CanonicalReader;
import io.bulwark.engine.snapshot.CanonicalWriter;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The dead man's switch (SPEC section 10 v2): each account may hold one deadline in engine time; the first
 * Tick stamped at or after it cancels every live order of that account, conditional ones included (a bot
 * that went silent must leave nothing that can still trade), with reason {@code DEAD_MAN_SWITCH}, and
 * disarms. Arming again before the deadline moves it; 0 seconds disarms. The deadlines are engine state:
 * snapshotted (format 6) and so part of the state hash, so a replay fires the same cancels at the same
 * sequence. The sequencer journals a Tick before any command stamped at or after a deadline ({@link #due}).
 */
public final class DeadMansSwitch {
    /** The longest countdown a trader may arm (SPEC: 1 to 600 seconds, 0 disarms). */
    public static final int MAX_SECONDS = 600;

    private record Deadline(long at, String accountId) {}

    private static final Comparator<Deadline> EARLIEST_FIRST =
            Comparator.comparingLong(Deadline::at).thenComparing(Deadline::accountId);

    private final Portfolios portfolios;
    private final OrderDesk desk;
    private final Map<String, Long> byAccount = new TreeMap<>();
    private final TreeSet<Deadline> queue = new TreeSet<>(EARLIEST_FIRST);

    public DeadMansSwitch(Portfolios portfolios, OrderDesk desk) {
        this.portfolios = portfolios;
        this.desk = desk;
    }

    /** Arms (or with 0 seconds disarms) the account's switch; the deadline is {@code now} plus the seconds. */
    public Optional<Outcome> arm(ArmCancelAfter c, long now) {
        if (c.seconds() < 0 || c.seconds() > MAX_SECONDS) {
            return reject(VALIDATION_FAILED, "seconds must be 0 (disarm) to " + MAX_SECONDS);
        }
        if (portfolios.get(c.accountId()).isEmpty()) {
            return reject(UNKNOWN_ACCOUNT, "no account " + c.accountId());
        }
        disarm(c.accountId());
        if (c.seconds() > 0) {
            set(c.accountId(), now + c.seconds() * 1000L);
        }
        return Optional.empty();
    }

    /** The account's armed deadline (epoch milliseconds, engine time), if any. */
    public OptionalLong deadline(String accountId) {
        Long at = byAccount.get(accountId);
        return at == null ? OptionalLong.empty() : OptionalLong.of(at);
    }

    /** Whether a deadline has passed at {@code now}: the sequencer then journals a Tick first. */
    public boolean due(long now) {
        return !queue.isEmpty() && queue.first().at() <= now;
    }

    /** A Tick: cancels the live orders of every account whose deadline is at or before {@code now}. */
    public void onTick(long sequence, long now, List<Event> events) {
        while (due(now)) {
            Deadline fired = queue.pollFirst();
            byAccount.remove(fired.accountId());
            desk.cancelAll(
                    new CancelOrders(fired.accountId(), "", CancelReason.DEAD_MAN_SWITCH), sequence, now, events);
        }
    }

    private void set(String accountId, long at) {
        byAccount.put(accountId, at);
        queue.add(new Deadline(at, accountId));
    }

    private void disarm(String accountId) {
        Long at = byAccount.remove(accountId);
        if (at != null) {
            queue.remove(new Deadline(at, accountId));
        }
    }

    public void writeTo(CanonicalWriter out) {
        out.writeInt(byAccount.size());
        byAccount.forEach((accountId, at) -> out.writeString(accountId).writeLong(at));
    }

    /** Format 6 wrote the deadlines; an older snapshot was written by a build without switches: none armed. */
    public void readFrom(CanonicalReader in) {
        if (in.formatVersion() < 6) {
            return;
        }
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            String accountId = in.readString();
            set(accountId, in.readLong());
        }
    }
}
