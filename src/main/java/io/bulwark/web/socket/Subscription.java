package io.bulwark.web.socket;

/** One subscription of a session: a channel, and its market for per-market channels (else empty). */
record Subscription(Channel channel, String market) {

    static Subscription of(ClientOp.Subscribe op) {
        return new Subscription(op.channel(), op.market());
    }

    static Subscription of(ClientOp.Unsubscribe op) {
        return new Subscription(op.channel(), op.market());
    }
}
