package io.bulwark.engine.liquidation;

import io.bulwark.engine.snapshot.CanonicalReader;
import io.bulwark.engine.snapshot.CanonicalWriter;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Pauses liquidations exchange-wide when, within any 60 s of engine time, more accounts were
 * liquidated than {@code maxAccounts} or the liquidated size exceeded {@code maxOpenInterestBps} of
 * open interest. Only an admin resumes.
 */
public final class CircuitBreaker {
    static final long WINDOW_MILLIS = 60_000;

    private record Liquidation(long time, String accountId, BigDecimal openInterestShare) {}

    private final Deque<Liquidation> window = new ArrayDeque<>();
    private int maxAccounts = 10;
    private int maxOpenInterestBps = 500;
    private String pausedReason = "";

    public void configure(int maxAccounts, int maxOpenInterestBps) {
        if (maxAccounts > 0) {
            this.maxAccounts = maxAccounts;
        }
        if (maxOpenInterestBps > 0) {
            this.maxOpenInterestBps = maxOpenInterestBps;
        }
    }

    public boolean paused() {
        return !pausedReason.isEmpty();
    }

    public String pausedReason() {
        return pausedReason;
    }

    public void resume() {
        pausedReason = "";
        window.clear();
    }

    /**
     * Records a liquidation of {@code share} of open interest at {@code now}; when the last 60 s now
     * exceed a limit the breaker trips and the reason is returned, else empty.
     */
    public String record(long now, String accountId, BigDecimal share) {
        while (!window.isEmpty() && window.peekFirst().time() <= now - WINDOW_MILLIS) {
            window.pollFirst();
        }
        window.addLast(new Liquidation(now, accountId, share));
        long accounts = window.stream().map(Liquidation::accountId).distinct().count();
        BigDecimal shareBps = window.stream()
                .map(Liquidation::openInterestShare)
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .multiply(BigDecimal.valueOf(10_000));
        if (accounts > maxAccounts) {
            pausedReason = accounts + " accounts liquidated within 60 s (limit " + maxAccounts + ")";
        } else if (shareBps.compareTo(BigDecimal.valueOf(maxOpenInterestBps)) > 0) {
            pausedReason = "liquidations within 60 s reached " + shareBps.setScale(0, java.math.RoundingMode.UP)
                    + " bps of open interest (limit " + maxOpenInterestBps + ")";
        }
        return pausedReason;
    }

    public void writeTo(CanonicalWriter out) {
        out.writeInt(maxAccounts)
                .writeInt(maxOpenInterestBps)
                .writeString(pausedReason)
                .writeInt(window.size());
        window.forEach(l -> out.writeLong(l.time()).writeString(l.accountId()).writeDecimal(l.openInterestShare()));
    }

    public static CircuitBreaker readFrom(CanonicalReader in) {
        CircuitBreaker b = new CircuitBreaker();
        b.maxAccounts = in.readInt();
        b.maxOpenInterestBps = in.readInt();
        b.pausedReason = in.readString();
        for (int i = 0, n = in.readInt(); i < n; i++) {
            b.window.addLast(new Liquidation(in.readLong(), in.readString(), in.readDecimal()));
        }
        return b;
    }
}
