package io.bulwark.journal;

import io.bulwark.engine.command.Command;
import io.bulwark.engine.event.Event;
import java.util.List;
import java.util.Optional;

/**
 * A journal row's command and events as read back, and in the canonical text its hash chain was
 * computed over.
 */
final class StoredRow {
    private StoredRow() {}

    /** A row re-serialized to the canonical text the hash chain was computed over. */
    record Canonical(Command command, String commandJson, List<Event> events, String eventsJson) {}

    /** A row's command and events, or why they cannot be read ({@code command} null). */
    record Decoded(Command command, List<Event> events, String unreadable) {}

    static Decoded decode(JournalCodec codec, String commandJson, String eventsJson) {
        try {
            return new Decoded(codec.readCommand(commandJson), codec.readEvents(eventsJson), null);
        } catch (RuntimeException e) {
            return new Decoded(null, null, e.getMessage());
        }
    }

    /** Parses a row and re-serializes it to canonical text; an unreadable row is noted and empty. */
    static Optional<Canonical> parse(
            JournalCodec codec, long sequence, String commandJson, String eventsJson, RecoveryProblems problems) {
        Decoded decoded = decode(codec, commandJson, eventsJson);
        if (decoded.command() == null) {
            problems.note("journal row " + sequence + " is unreadable: " + decoded.unreadable());
            return Optional.empty();
        }
        return Optional.of(canonical(codec, decoded));
    }

    static Canonical canonical(JournalCodec codec, Decoded d) {
        return new Canonical(d.command(), codec.writeCommand(d.command()), d.events(), codec.writeEvents(d.events()));
    }
}
