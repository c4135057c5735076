package io.bulwark.journal;

/**
 * The caller's reply timeout passed before the engine reached its command, so the command was dropped:
 * it was not applied, is not in the journal and never will be. Retrying is safe.
 */
public class CommandTimedOutException extends EngineUnavailableException {
    public CommandTimedOutException() {
        super("the engine did not reach this request within the reply timeout; it was NOT applied and never will"
                + " be: retry");
    }
}
