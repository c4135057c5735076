package io.bulwark.engine.event;

import io.bulwark.engine.command.Rejection;
import java.util.List;

/** What became of one command. */
public sealed interface Outcome {

    /** Applied or AlreadyApplied: every outcome but a refusal. */
    sealed interface Accepted extends Outcome {}

    /** The command changed state: it got {@code sequence} and produced {@code events}. */
    record Applied(long sequence, long timestamp, List<Event> events) implements Accepted {
        public Applied {
            events = List.copyOf(events);
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
