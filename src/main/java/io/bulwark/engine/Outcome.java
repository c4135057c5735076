package io.bulwark.engine;

import io.bulwark.engine.event.Event;
import java.util.List;

/** What became of one command. */
public sealed interface Outcome {

    /** The command changed state: it got {@code sequence} and produced {@code events}. */
    record Applied(long sequence, long timestamp, List<Event> events) implements Outcome {
        public Applied {
            events = List.copyOf(events);
        }
    }

    /** An idempotent repeat of something already applied (e.g. a deposit reference seen before). */
    record AlreadyApplied(String detail) implements Outcome {}

    /** The command was refused and changed nothing. */
    record Rejected(Rejection rejection) implements Outcome {}
}
