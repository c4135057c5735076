package io.bulwark.engine.funding;

import io.bulwark.engine.snapshot.CanonicalReader;
import io.bulwark.engine.snapshot.CanonicalWriter;
import java.math.BigDecimal;

/**
 * One market's funding: the cumulative index, the premium samples of the current interval and when
 * the next sample and the interval's end fall (engine time). A market whose index failed the guard is
 * halted: it accrues and pays nothing until an operator resumes it.
 */
public final class FundingState {
    BigDecimal cumulativeIndex = BigDecimal.ZERO;
    BigDecimal premiumSum = BigDecimal.ZERO;
    long samples;
    long nextSampleAt;
    long intervalEnd;
    BigDecimal lastRate = BigDecimal.ZERO;
    String haltReason = "";

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
