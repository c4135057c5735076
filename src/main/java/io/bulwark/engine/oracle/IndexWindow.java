package io.bulwark.engine.oracle;

import io.bulwark.engine.snapshot.CanonicalReader;
import io.bulwark.engine.snapshot.CanonicalWriter;
import java.math.BigDecimal;
import java.util.ArrayDeque;

/**
 * Where a market's index stood over the last priceJumpWindowSeconds of engine time, so that no run of
 * updates moves it further than maxPriceJumpBps from where it stood at the start of any such window.
 *
 * <p>Memory is bounded by the window: one span per second of engine time in which the index changed,
 * holding the lowest and highest value it had during that second (including the value it had when the
 * second began). Spans older than the window are dropped. Whole seconds make the window up to one second
 * longer than configured, never shorter: the limit is kept, a little more strictly.
 */
final class IndexWindow {
    /** The index's range during one second of engine time ({@code second} = epoch ms / 1000). */
    private record Span(long second, BigDecimal low, BigDecimal high) {
        Span with(BigDecimal value) {
            return new Span(second, low.min(value), high.max(value));
        }
    }

    private final ArrayDeque<Span> spans = new ArrayDeque<>();

    /**
     * Whether the index may become {@code candidate} at {@code now}: within {@code maxJumpBps} of every
     * value it held in the window, and of {@code index}, the value it holds now.
     */
    boolean allows(BigDecimal candidate, BigDecimal index, long now, long windowSeconds, int maxJumpBps) {
        forgetBefore(now, windowSeconds);
        BigDecimal low = index;
        BigDecimal high = index;
        for (Span s : spans) {
            low = low.min(s.low());
            high = high.max(s.high());
        }
        // Within the limit of the lowest and of the highest value is within it of every value between.
        return !PriceChecks.apart(low, candidate, maxJumpBps) && !PriceChecks.apart(high, candidate, maxJumpBps);
    }

    /** The index moved from {@code before} (null: it had none) to {@code after} at {@code now}. */
    void moved(BigDecimal before, BigDecimal after, long now, long windowSeconds) {
        long second = Math.floorDiv(now, 1000L);
        Span last = spans.peekLast();
        if (last != null && last.second() == second) {
            spans.pollLast();
            spans.addLast(last.with(after));
        } else {
            Span span = new Span(second, after, after);
            spans.addLast(before == null ? span : span.with(before));
        }
        forgetBefore(now, windowSeconds);
    }

    /** The index was set outside the limits (re-anchored): the window starts again from here. */
    void restart() {
        spans.clear();
    }

    private void forgetBefore(long now, long windowSeconds) {
        long oldest = Math.floorDiv(now - windowSeconds * 1000L, 1000L);
        while (!spans.isEmpty() && spans.peekFirst().second() < oldest) {
            spans.pollFirst();
        }
    }

    int size() {
        return spans.size();
    }

    void writeTo(CanonicalWriter out) {
        out.writeInt(spans.size());
        spans.forEach(s -> out.writeLong(s.second()).writeDecimal(s.low()).writeDecimal(s.high()));
    }

    static IndexWindow readFrom(CanonicalReader in) {
        IndexWindow window = new IndexWindow();
        for (int i = 0, n = in.readInt(); i < n; i++) {
            window.spans.addLast(new Span(in.readLong(), in.readDecimal(), in.readDecimal()));
        }
        return window;
    }
}
