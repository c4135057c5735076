package io.bulwark.journal;

import io.bulwark.engine.command.Command;
import io.bulwark.engine.event.Event;
import java.util.List;

/** An applied command on its way to the journal; {@code snapshot} is non-empty for TakeSnapshot. */
record JournalEntry(long sequence, long timestamp, Command command, List<Event> events, String actor, byte[] snapshot) {

    Committed committed() {
        return new Committed(sequence, timestamp, command, events, actor);
    }
}
