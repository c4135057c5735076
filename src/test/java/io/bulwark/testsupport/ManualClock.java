package io.bulwark.testsupport;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rate limits' clock in tests of the limits: it stands still until a test moves it, so a burst is exactly a
 * burst however slow the machine is (no token trickles in between two requests).
 */
public final class ManualClock implements TimeMeter {
    private final AtomicLong nanos = new AtomicLong();

    @Override
    public long currentTimeNanos() {
        return nanos.get();
    }

    @Override
    public boolean isWallClockBased() {
        return false;
    }

    public void advance(Duration duration) {
        nanos.addAndGet(duration.toNanos());
    }
}
