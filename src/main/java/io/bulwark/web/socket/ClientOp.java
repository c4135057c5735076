package io.bulwark.web.socket;

/**
 * What a client asks for in one frame. {@code market} is empty for channels that are not per market,
 * {@code interval} for channels that are not per interval.
 */
sealed interface ClientOp {
    record Subscribe(Channel channel, String market, String interval) implements ClientOp {}

    record Unsubscribe(Channel channel, String market, String interval) implements ClientOp {}

    /** {@code cancelOnDisconnect}: when the connection closes, every live order of the account is cancelled. */
    record Auth(String apiKey, boolean cancelOnDisconnect) implements ClientOp {}

    record Ping() implements ClientOp {}

    /** An {@code order.*} op: carried out by {@link OrderEntry}. */
    record Order(OrderOps.Request request) implements ClientOp {}
}
