package io.bulwark.engine;

/** Why the engine refused a command. A refused command changes nothing and is not journaled. */
public record Rejection(Code code, String message) {

    public enum Code {
        VALIDATION_FAILED,
        UNKNOWN_MARKET,
        UNKNOWN_ACCOUNT,
        UNKNOWN_KEY,
        MARKET_EXISTS,
        DUPLICATE_DEPOSIT_REFERENCE,
        INSUFFICIENT_MARGIN,
        WITHDRAWALS_PAUSED,
        INVALID_TRANSITION
    }

    public static Rejection of(Code code, String message) {
        return new Rejection(code, message);
    }
}
