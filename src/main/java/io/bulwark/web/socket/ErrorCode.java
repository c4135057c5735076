package io.bulwark.web.socket;

/** The {@code code} of an {@code error} message. */
enum ErrorCode {
    /** Not JSON, not an object, an unknown op or field, a missing or mistyped field, a binary frame. */
    BAD_REQUEST,
    UNKNOWN_CHANNEL,
    UNKNOWN_MARKET,
    /** A per-interval channel ({@code candles}) with an interval it does not keep. */
    UNKNOWN_INTERVAL,
    /** The channel needs {@code auth} first, or the key given to {@code auth} is unknown or revoked. */
    UNAUTHENTICATED,
    /** The key's role may not use the channel (the account channel needs a TRADER key). */
    FORBIDDEN,
    /** The TRADER key lacks the scope the request needs (the account channel needs READ). */
    SCOPE_REQUIRED,
    TOO_MANY_SUBSCRIPTIONS,
    /** A session sent an order op while it had the most it may have in flight (OrderEntry.MAX_IN_FLIGHT). */
    TOO_MANY_REQUESTS,
    /** This instance cannot serve the request right now (standby, recovering, engine overloaded). */
    UNAVAILABLE
}
