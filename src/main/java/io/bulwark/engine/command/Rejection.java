package io.bulwark.engine.command;

/** Why the engine refused a command. A refused command changes nothing and is not journaled. */
public record Rejection(Code code, String message) {

    public enum Code {
        VALIDATION_FAILED,
        UNKNOWN_MARKET,
        UNKNOWN_ACCOUNT,
        UNKNOWN_KEY,
        MARKET_EXISTS,
        DUPLICATE_DEPOSIT_REFERENCE,
        DUPLICATE_REFERENCE,
        TOO_MANY_WITHDRAWALS,
        INSUFFICIENT_MARGIN,
        WITHDRAWALS_PAUSED,
        INVALID_TRANSITION,
        INVALID_PRICE,
        INVALID_SIZE,
        ORDER_NOT_FOUND,
        DUPLICATE_CLIENT_ORDER_ID,
        MARKET_CLOSED,
        PRICE_UNAVAILABLE,
        PRICE_OUTSIDE_BAND,
        POST_ONLY_REQUIRED,
        POST_ONLY_WOULD_CROSS,
        REDUCE_ONLY_WOULD_INCREASE,
        /** An order that would stay live beyond the account's maxOpenOrders in its market (SPEC section 3 v2). */
        TOO_MANY_OPEN_ORDERS,
        VAULT_INSUFFICIENT,
        UNKNOWN_WINDOW,
        /** No active oracle source has a fresh price to re-anchor a market to. */
        NO_FRESH_SOURCE,
        /** The account already holds the most live API keys it may. */
        TOO_MANY_KEYS
    }

    public static Rejection of(Code code, String message) {
        return new Rejection(code, message);
    }
}
