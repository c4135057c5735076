package io.bulwark.web.socket;

/** What a client asks for in one frame. {@code market} is empty for channels that are not per market. */
sealed interface ClientOp {
    record Subscribe(Channel channel, String market) implements ClientOp {}

    record Unsubscribe(Channel channel, String market) implements ClientOp {}

    record Auth(String apiKey) implements ClientOp {}

    record Ping() implements ClientOp {}

    /** An {@code order.*} op: carried out by {@link OrderEntry}. */
    record Order(io.bulwark.order.OrderSocketOps.Request request) implements ClientOp {}
}
