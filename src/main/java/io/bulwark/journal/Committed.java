package io.bulwark.journal;

import io.bulwark.engine.command.Command;
import io.bulwark.engine.event.Event;
import java.util.List;

/** A command that is durable in the journal, with the events it produced. */
public record Committed(long sequence, long timestamp, Command command, List<Event> events, String actor) {}
