package io.bulwark.web.socket;

/**
 * Where a feature's WebSocket messages go, for one committed command: the socket feed hands one to each
 * {@link SocketMessages} and stamps every message with that command's journal sequence and engine time.
 * A message is a record (or map) that serializes to a JSON object; its fields follow the channel's
 * envelope ({@code type, channel, ..., sequence, time}), and the envelope wins a name clash.
 */
public interface ChannelPublisher {

    /** The journal sequence of the command being published. */
    long journalSequence();

    /** That command's engine time, epoch milliseconds. */
    long timestamp();

    /**
     * One update of {@code market} on the per-market channel named {@code channel} ({@code "orderbook"},
     * {@code "trades"}, {@code "prices"}); its {@code type} is the channel's update type.
     */
    void toMarket(String channel, String market, Object message);

    /** A message of {@code type} ({@code "order"}, {@code "fill"}, ...) on the account channel of {@code accountId}. */
    void toAccount(String accountId, String type, Object message);

    /** A message of {@code type} ({@code "state"}, {@code "maintenance"}, ...) on the exchange-wide status channel. */
    void toStatus(String type, Object message);
}
