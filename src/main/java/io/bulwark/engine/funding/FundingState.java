package io.bulwark.engine.funding;

import io.bulwark.engine.money.Decimals;
import io.bulwark.engine.snapshot.CanonicalReader;
import io.bulwark.engine.snapshot.CanonicalWriter;
import java.math.BigDecimal;

/**
 * One market's funding: the cumulative index, the premium samples of the current interval and when
 * the next sample and the interval's end fall (engine time). A market whose index failed the guard is
 * halted: it accrues and pays nothing until an operator resumes it.
 */
public final class FundingState {
    private BigDecimal cumulativeIndex = BigDecimal.ZERO;
    private BigDecimal premiumSum = BigDecimal.ZERO;
    private long samples;
    private long nextSampleAt;
    private long intervalEnd;
    private BigDecimal lastRate = BigDecimal.ZERO;
    private String haltReason = "";

    public BigDecimal cumulativeIndex() {
        return cumulativeIndex;
    }

    public BigDecimal lastRate() {
        return lastRate;
    }

    public boolean halted() {
        return !haltReason.isEmpty();
    }

    public String haltReason() {
        return haltReason;
    }

    public long intervalEnd() {
        return intervalEnd;
    }

    /** Whether the schedule has started: the first tick after the market was listed starts it. */
    public boolean scheduled() {
        return intervalEnd != 0;
    }

    /** Starts the schedule: the interval ends on the next multiple of {@code intervalMillis}. */
    public void schedule(long now, long intervalMillis, long samplePeriodMillis) {
        intervalEnd = nextIntervalEnd(now, intervalMillis);
        nextSampleAt = now + samplePeriodMillis;
    }

    public long nextSampleAt() {
        return nextSampleAt;
    }

    /** The sample due at {@link #nextSampleAt()} was taken (or skipped): the next one is a period later. */
    public void sampleDone(long samplePeriodMillis) {
        nextSampleAt += samplePeriodMillis;
    }

    public void addPremium(BigDecimal premium) {
        premiumSum = Decimals.canonical(premiumSum.add(premium));
        samples++;
    }

    public BigDecimal premiumSum() {
        return premiumSum;
    }

    public long samples() {
        return samples;
    }

    public void clearSamples() {
        premiumSum = BigDecimal.ZERO;
        samples = 0;
    }

    /** The interval ended: the next one ends on the next multiple of {@code intervalMillis} after {@code now}. */
    public void nextInterval(long now, long intervalMillis) {
        intervalEnd = nextIntervalEnd(now, intervalMillis);
    }

    private static long nextIntervalEnd(long now, long intervalMillis) {
        return (now / intervalMillis + 1) * intervalMillis;
    }

    /** The guard refused the interval's index step: nothing accrues until an operator resumes. */
    public void halt(String reason) {
        haltReason = reason;
    }

    /**
     * The interval settled: the index moved to {@code index} at {@code rate}. Both are kept canonical, as a
     * snapshot stores them, so that a restored engine shows the same events and views as the live one.
     */
    public void settled(BigDecimal index, BigDecimal rate) {
        cumulativeIndex = Decimals.canonical(index);
        lastRate = Decimals.canonical(rate);
    }

    public void resume() {
        haltReason = "";
        premiumSum = BigDecimal.ZERO;
        samples = 0;
    }

    public void writeTo(CanonicalWriter out) {
        out.writeDecimal(cumulativeIndex)
                .writeDecimal(premiumSum)
                .writeLong(samples)
                .writeLong(nextSampleAt)
                .writeLong(intervalEnd)
                .writeDecimal(lastRate)
                .writeString(haltReason);
    }

    public static FundingState readFrom(CanonicalReader in) {
        FundingState f = new FundingState();
        f.cumulativeIndex = in.readDecimal();
        f.premiumSum = in.readDecimal();
        f.samples = in.readLong();
        f.nextSampleAt = in.readLong();
        f.intervalEnd = in.readLong();
        f.lastRate = in.readDecimal();
        f.haltReason = in.readString();
        return f;
    }
}
