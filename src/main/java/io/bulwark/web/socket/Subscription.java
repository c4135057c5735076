package io.bulwark.web.socket;

/**
 * One subscription of a session: a channel, its market for per-market channels and its interval for
 * per-interval channels (else empty).
 */
record Subscription(Channel channel, String market, String interval) {

    Subscription(Channel channel, String market) {
        this(channel, market, "");
    }

    static Subscription of(ClientOp.Subscribe op) {
        return new Subscription(op.channel(), op.market(), op.interval());
    }

    static Subscription of(ClientOp.Unsubscribe op) {
        return new Subscription(op.channel(), op.market(), op.interval());
    }

    /** The feed it follows on its market channel: the market, or {@code market|interval}. */
    String key() {
        return key(market, interval);
    }

    static String key(String market, String interval) {
        return interval.isEmpty() ? market : market + "|" + interval;
    }
}
