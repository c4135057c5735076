package io.bulwark.journal;

/** A rollback that was refused before anything changed; {@code reason} is the API's problem code. */
public final class RollbackRefusedException extends RuntimeException {

    public enum Reason {
        /** The exchange-wide state is not CLOSED. */
        EXCHANGE_NOT_CLOSED,
        /** No such snapshot, or it was itself reverted by an earlier rollback. */
        SNAPSHOT_NOT_FOUND,
        /** The snapshot's bytes no longer match its recorded state hash, or cannot be decoded. */
        SNAPSHOT_CORRUPT,
        /** Another rollback is under way. */
        ROLLBACK_IN_PROGRESS
    }

    private final Reason reason;

    public RollbackRefusedException(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
