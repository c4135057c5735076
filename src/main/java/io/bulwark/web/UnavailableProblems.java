package io.bulwark.web;

import io.bulwark.journal.CommandTimedOutException;
import io.bulwark.journal.CommitFailedException;
import io.bulwark.journal.EngineUnavailableException;
import io.bulwark.journal.NotWriterException;
import io.bulwark.journal.OutcomeUnknownException;
import io.bulwark.journal.ReadModelsBehindException;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The 503 problems of failures that are not the request's fault: a standby, recovery, the reply timeout, a failed
 * or unknown commit, the database not answering. One table for {@link ApiExceptionHandler} and the WebSocket order
 * entry, so both give the same {@code code} and {@code detail}.
 */
public final class UnavailableProblems {
    static final String DATABASE_DETAIL =
            "the database did not answer; a command you sent may have been applied: check before retrying";

    private UnavailableProblems() {}

    /** The 503 problem for {@code failure}, or empty when it is not one of these failures. */
    public static Optional<ProblemDetail> of(Throwable failure) {
        return Optional.ofNullable(
                switch (failure) {
                    case NotWriterException e ->
                        problem("NOT_WRITER", "this instance is a standby; send requests to the writer");
                    // The reply timeout passed before the engine reached the command: dropped, never applied.
                    case CommandTimedOutException e -> problem("COMMAND_TIMED_OUT", e.getMessage());
                    // The journal transaction failed before its COMMIT: not applied; the writer recovers.
                    case CommitFailedException e -> problem("COMMIT_FAILED", e.getMessage());
                    // Applied by the engine, but whether the journal kept it cannot be known: look first.
                    case OutcomeUnknownException e -> problem("OUTCOME_UNKNOWN", e.getMessage());
                    // The projector has not written the read models up to the last commit in time: not stale rows.
                    case ReadModelsBehindException e -> problem("READ_MODELS_BEHIND", e.getMessage());
                    case EngineUnavailableException e -> problem("RECOVERING", e.getMessage());
                    case org.springframework.dao.DataAccessException e -> database();
                    case org.springframework.transaction.TransactionException e -> database();
                    case jakarta.persistence.PersistenceException e -> database();
                    default -> null;
                });
    }

    private static ProblemDetail database() {
        return problem("DATABASE_UNAVAILABLE", DATABASE_DETAIL);
    }

    private static ProblemDetail problem(String code, String detail) {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, code, detail);
    }
}
