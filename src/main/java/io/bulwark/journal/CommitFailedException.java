package io.bulwark.journal;

import java.sql.SQLException;

/**
 * The journal transaction that held this command failed before its COMMIT was sent (a lock or statement
 * timeout, a fenced epoch, a broken connection), so the command is not in the journal: the writer term
 * ends and the state is rebuilt from the journal without it. Retrying is safe.
 */
public class CommitFailedException extends EngineUnavailableException {
    public CommitFailedException(String reason, Throwable cause) {
        super(
                "the journal did not commit this request (" + reason + "); it was NOT applied: the writer recovers"
                        + " from the journal, retry",
                cause);
    }

    /** Why a commit failed, in words a client may read (no SQL, no internals). */
    static String reason(Throwable e) {
        if (e instanceof FencedException) {
            return "another writer took over";
        }
        String state = sqlState(e);
        if (state != null) {
            if (state.equals("55P03")) {
                return "a lock timeout";
            }
            if (state.equals("57014")) {
                return "a statement timeout";
            }
            if (state.startsWith("08")) {
                return "the database connection failed or timed out";
            }
        }
        return "a database error";
    }

    /** The first SQLSTATE among the exception, its causes and (for a batch) the next exceptions. */
    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (next.getSQLState() != null) {
                        return next.getSQLState();
                    }
                }
            }
        }
        return null;
    }
}
