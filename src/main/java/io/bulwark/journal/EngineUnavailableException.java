package io.bulwark.journal;

/** The engine is recovering or has stopped after a failed commit; the request was not applied. */
public class EngineUnavailableException extends RuntimeException {
    public EngineUnavailableException(String message) {
        super(message);
    }

    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
