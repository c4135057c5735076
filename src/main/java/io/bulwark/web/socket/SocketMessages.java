package io.bulwark.web.socket;

import io.bulwark.engine.event.Event;

/**
 * A feature's WebSocket messages: turns the events the feature owns into channel messages. Each feature
 * declares one as a bean in its own package (order, trade, position, ...), with its message records or its
 * REST response records where the wire format is the same; {@code web/socket} only carries them.
 *
 * <p>{@link SocketFeed} calls every one, on the journal thread, after the commit: for each {@link Pass} in
 * turn, for each command of the committed batch in journal order, {@link #publish} with each of its events
 * in order and then {@link #commandDone}. A feature ignores the events it does not own.
 */
public interface SocketMessages {

    /**
     * The two passes over each committed batch, in this order. The order a client sees on one connection
     * follows them: within a batch, the status channel's state, rollback and maintenance messages come before
     * the trading messages. The account channel's messages go out in journal order after both passes (so a
     * command's {@code balance} messages come before its trading messages).
     */
    enum Pass {
        /** Balances, trading state, rollbacks and maintenance windows. */
        LEDGER_AND_STATE,
        /** Order book, trades, orders, fills, positions, prices, funding, liquidations, refunds. */
        TRADING
    }

    /** The pass this feature's messages go out in. */
    default Pass pass() {
        return Pass.TRADING;
    }

    /** Publishes the messages {@code event} causes, if any. */
    void publish(Event event, ChannelPublisher out);

    /** The command's last event has been published: messages that sum up a command go now. */
    default void commandDone(ChannelPublisher out) {}
}
