package io.bulwark.journal;

/**
 * The engine applied this command but its caller cannot learn whether the journal kept it: the connection
 * failed while the COMMIT itself was in flight, or the writer term ended before the journal answered.
 * The client must look (its order by clientOrderId, its withdrawal by reference) before retrying.
 */
public class OutcomeUnknownException extends EngineUnavailableException {
    public OutcomeUnknownException(String reason, Throwable cause) {
        super(reason + "; the request may or may not have been applied: check before retrying", cause);
    }
}
