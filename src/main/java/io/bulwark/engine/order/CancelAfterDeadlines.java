package io.bulwark.engine.order;

import io.bulwark.engine.snapshot.CanonicalReader;
import io.bulwark.engine.snapshot.CanonicalWriter;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The armed dead man's switches: at most one deadline (epoch milliseconds, engine time) per account, kept
 * in deadline order so a Tick finds the due ones first. Engine state: snapshotted (format 6) and so part of
 * the state hash; {@code desk.trading.DeadMansSwitch} arms and fires them.
 */
public final class CancelAfterDeadlines {
    private record Deadline(long at, String accountId) {}

    private static final Comparator<Deadline> EARLIEST_FIRST =
            Comparator.comparingLong(Deadline::at).thenComparing(Deadline::accountId);

    private final Map<String, Long> byAccount = new TreeMap<>();
    private final TreeSet<Deadline> queue = new TreeSet<>(EARLIEST_FIRST);

    /** The account's armed deadline, if any. */
    public OptionalLong deadline(String accountId) {
        Long at = byAccount.get(accountId);
        return at == null ? OptionalLong.empty() : OptionalLong.of(at);
    }

    /** Whether some deadline is at or before {@code now}. */
    public boolean due(long now) {
        return !queue.isEmpty() && queue.first().at() <= now;
    }

    /** Removes and returns the account of the earliest deadline at or before {@code now}, if any. */
    public Optional<String> pollDue(long now) {
        if (!due(now)) {
            return Optional.empty();
        }
        Deadline fired = queue.pollFirst();
        byAccount.remove(fired.accountId());
        return Optional.of(fired.accountId());
    }

    public void set(String accountId, long at) {
        disarm(accountId);
        byAccount.put(accountId, at);
        queue.add(new Deadline(at, accountId));
    }

    public void disarm(String accountId) {
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
    public static CancelAfterDeadlines readFrom(CanonicalReader in) {
        CancelAfterDeadlines deadlines = new CancelAfterDeadlines();
        if (in.formatVersion() < 6) {
            return deadlines;
        }
        int count = in.readInt();
        for (int i = 0; i < count; i++) {
            String accountId = in.readString();
            deadlines.set(accountId, in.readLong());
        }
        return deadlines;
    }
}
