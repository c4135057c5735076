package io.bulwark.engine.liquidation;

import io.bulwark.engine.snapshot.CanonicalReader;
import io.bulwark.engine.snapshot.CanonicalWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Pauses liquidations and triggers in one market (SPEC section 7) when, within any 60 s of engine time,
 * more accounts were liquidated there than {@code maxAccounts}, or liquidations of at least
 * {@code minNotional} USD each took more than {@code maxOpenInterestBps} of its open interest. Smaller
 * liquidations count toward the accounts but not the share, so one small account cannot stop
 * liquidations, and no market's cascade stops another's. Only an admin resumes (one market or all).
 */
public final class CircuitBreaker {
    static final long WINDOW_MILLIS = 60_000;
    /** SPEC section 7's {@code breakerMinNotional} default, in USD. */
    public static final BigDecimal DEFAULT_MIN_NOTIONAL = new BigDecimal("100000");

    private static final BigDecimal BPS = BigDecimal.valueOf(10_000);

    /** One liquidation in the window; {@code openInterestShare} is zero below the notional floor. */
    private record Liquidation(long time, String accountId, BigDecimal openInterestShare) {}

    /** One market's window and pause. */
    private static final class MarketBreaker {
        final Deque<Liquidation> window = new ArrayDeque<>();
        String pausedReason = "";
    }

    private final TreeMap<String, MarketBreaker> markets = new TreeMap<>();
    private int maxAccounts = 10;
    private int maxOpenInterestBps = 500;
    private BigDecimal minNotional = DEFAULT_MIN_NOTIONAL;

    /** Zero (or null for the notional floor) keeps the current value, as StartEngine documents. */
    public void configure(int maxAccounts, int maxOpenInterestBps, BigDecimal minNotional) {
        if (maxAccounts > 0) {
            this.maxAccounts = maxAccounts;
        }
        if (maxOpenInterestBps > 0) {
            this.maxOpenInterestBps = maxOpenInterestBps;
        }
        if (minNotional != null && minNotional.signum() >= 0) {
            this.minNotional = minNotional;
        }
    }

    public boolean paused(String market) {
        MarketBreaker b = markets.get(market);
        return b != null && !b.pausedReason.isEmpty();
    }

    /** The paused markets and why, in market order. */
    public SortedMap<String, String> pausedMarkets() {
        SortedMap<String, String> paused = new TreeMap<>();
        markets.forEach((market, b) -> {
            if (!b.pausedReason.isEmpty()) {
                paused.put(market, b.pausedReason);
            }
        });
        return paused;
    }

    /** Resumes one market and forgets its window; false when it was not paused. */
    public boolean resume(String market) {
        if (!paused(market)) {
            return false;
        }
        markets.remove(market);
        return true;
    }

    /** Resumes every paused market; returns them. */
    public List<String> resumeAll() {
        List<String> resumed = List.copyOf(pausedMarkets().keySet());
        resumed.forEach(markets::remove);
        return resumed;
    }

    /**
     * Records the liquidation of {@code accountId}'s position in {@code market} (its {@code notional} at
     * mark and its {@code share} of the market's open interest) at {@code now}. Returns the reason when
     * this liquidation tripped the market's breaker, else empty.
     */
    public String record(long now, String market, String accountId, BigDecimal notional, BigDecimal share) {
        MarketBreaker b = markets.computeIfAbsent(market, m -> new MarketBreaker());
        while (!b.window.isEmpty() && b.window.peekFirst().time() <= now - WINDOW_MILLIS) {
            b.window.pollFirst();
        }
        boolean counts = notional.compareTo(minNotional) >= 0;
        b.window.addLast(new Liquidation(now, accountId, counts ? share : BigDecimal.ZERO));
        if (!b.pausedReason.isEmpty()) {
            return "";
        }
        long accounts = b.window.stream().map(Liquidation::accountId).distinct().count();
        BigDecimal shareBps = b.window.stream()
                .map(Liquidation::openInterestShare)
                .reduce(BigDecimal.ZERO, BigDecimal::add)
                .multiply(BPS);
        if (accounts > maxAccounts) {
            b.pausedReason =
                    accounts + " accounts liquidated in " + market + " within 60 s (limit " + maxAccounts + ")";
        } else if (shareBps.compareTo(BigDecimal.valueOf(maxOpenInterestBps)) > 0) {
            b.pausedReason = "liquidations of at least " + minNotional.toPlainString() + " USD within 60 s reached "
                    + shareBps.setScale(0, RoundingMode.UP) + " bps of " + market + " open interest (limit "
                    + maxOpenInterestBps + ")";
        }
        return b.pausedReason;
    }

    public void writeTo(CanonicalWriter out) {
        out.writeInt(maxAccounts).writeInt(maxOpenInterestBps).writeDecimal(minNotional);
        out.writeInt(markets.size());
        markets.forEach((market, b) -> {
            out.writeString(market).writeString(b.pausedReason).writeInt(b.window.size());
            b.window.forEach(
                    l -> out.writeLong(l.time()).writeString(l.accountId()).writeDecimal(l.openInterestShare()));
        });
    }

    /**
     * Reads the breaker. Before format 3 it was exchange-wide: a pause then held carries over to every
     * market in {@code marketNames} (an admin resumes them, one or all); its window named no market and
     * is dropped, so counting starts afresh.
     */
    public static CircuitBreaker readFrom(CanonicalReader in, Collection<String> marketNames) {
        CircuitBreaker breaker = new CircuitBreaker();
        breaker.maxAccounts = in.readInt();
        breaker.maxOpenInterestBps = in.readInt();
        if (in.formatVersion() < 3) {
            String pausedReason = in.readString();
            for (int i = 0, n = in.readInt(); i < n; i++) {
                in.readLong();
                in.readString();
                in.readDecimal();
            }
            if (!pausedReason.isEmpty()) {
                for (String market : marketNames) {
                    breaker.markets.computeIfAbsent(market, m -> new MarketBreaker()).pausedReason =
                            "exchange-wide pause carried over: " + pausedReason;
                }
            }
            return breaker;
        }
        breaker.minNotional = in.readDecimal();
        for (int i = 0, n = in.readInt(); i < n; i++) {
            MarketBreaker b = new MarketBreaker();
            breaker.markets.put(in.readString(), b);
            b.pausedReason = in.readString();
            for (int j = 0, w = in.readInt(); j < w; j++) {
                b.window.addLast(new Liquidation(in.readLong(), in.readString(), in.readDecimal()));
            }
        }
        return breaker;
    }
}
