package io.bulwark.journal;

/**
 * The read models had not caught up with the journal within the read-model wait: a history read is refused
 * (503 {@code READ_MODELS_BEHIND}) rather than answered from rows that may miss the caller's own writes.
 */
public class ReadModelsBehindException extends EngineUnavailableException {
    public ReadModelsBehindException(String message) {
        super(message);
    }
}
