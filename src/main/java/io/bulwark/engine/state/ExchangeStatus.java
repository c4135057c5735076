package io.bulwark.engine.state;

import io.bulwark.engine.snapshot.CanonicalReader;
import io.bulwark.engine.snapshot.CanonicalWriter;

/**
 * The exchange-wide trading state, when and why it was entered, and the state epoch (raised by each
 * rollback so clients know the history they saw was replaced).
 */
public final class ExchangeStatus {
    private TradingState state = TradingState.OPEN;
    private long since;
    private String reason = "new exchange";
    private long epoch = 1;

    public TradingState state() {
        return state;
    }

    public long since() {
        return since;
    }

    public String reason() {
        return reason;
    }

    public long epoch() {
        return epoch;
    }

    public void change(TradingState state, long since, String reason) {
        this.state = state;
        this.since = since;
        this.reason = reason;
    }

    /**
     * A rollback: the exchange stays (or becomes) CLOSED and the state epoch moves on past both the
     * restored epoch and {@code highestEpoch} (the highest the exchange ever had; 0 when unknown).
     */
    public void rollBack(long since, String reason, long highestEpoch) {
        change(TradingState.CLOSED, since, reason);
        epoch = Math.max(epoch, highestEpoch) + 1;
    }

    public void writeTo(CanonicalWriter out) {
        out.writeEnum(state).writeLong(since).writeString(reason).writeLong(epoch);
    }

    public static ExchangeStatus readFrom(CanonicalReader in) {
        ExchangeStatus s = new ExchangeStatus();
        s.state = in.readEnum(TradingState.class);
        s.since = in.readLong();
        s.reason = in.readString();
        s.epoch = in.readLong();
        return s;
    }
}
