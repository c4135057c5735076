package io.bulwark.engine.event;

import io.bulwark.engine.command.Rejection;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** What became of one command. */
public sealed interface Outcome {

    /** Applied or AlreadyApplied: every outcome but a refusal. */
    sealed interface Accepted extends Outcome {}

    /**
     * The command changed state: it got {@code sequence} and produced {@code events}. {@code snapshot} is the
     * serialized state when the command took a snapshot (its {@code SnapshotTaken} event holds the hash), else
     * empty: the bytes leave the engine with the outcome, for the journal to store in the same transaction.
     */
    record Applied(long sequence, long timestamp, List<Event> events, byte[] snapshot) implements Accepted {
        public Applied {
            events = List.copyOf(events);
        }

        public Applied(long sequence, long timestamp, List<Event> events) {
            this(sequence, timestamp, events, new byte[0]);
        }

        @Override
        public byte[] snapshot() {
            return snapshot.clone();
        }

        public boolean tookSnapshot() {
            return snapshot.length > 0;
        }

        /** Two outcomes are equal when their snapshot bytes are (a record compares arrays by identity). */
        @Override
        public boolean equals(Object other) {
            return other instanceof Applied that
                    && sequence == that.sequence
                    && timestamp == that.timestamp
                    && events.equals(that.events)
                    && Arrays.equals(snapshot, that.snapshot);
        }

        @Override
        public int hashCode() {
            return Objects.hash(sequence, timestamp, events, Arrays.hashCode(snapshot));
        }

        @Override
        public String toString() {
            return "Applied[sequence=" + sequence + ", timestamp=" + timestamp + ", events=" + events
                    + ", snapshotBytes=" + snapshot.length + "]";
        }
    }

    /**
     * An idempotent repeat of something already applied (a deposit reference or client order id seen
     * before); {@code id} names what it repeats (the order id), or is empty.
     */
    record AlreadyApplied(String detail, String id) implements Accepted {
        public AlreadyApplied(String detail) {
            this(detail, "");
        }
    }

    /** The command was refused and changed nothing. */
    record Rejected(Rejection rejection) implements Outcome {}

    /** A refusal as the handlers return it: present means "refused, nothing changed". */
    static java.util.Optional<Outcome> reject(Rejection.Code code, String message) {
        return java.util.Optional.of(new Rejected(Rejection.of(code, message)));
    }
}
