package io.bulwark.incident;

import io.bulwark.engine.event.FundingPaid;
import io.bulwark.engine.event.FundingSettled;
import io.bulwark.engine.market.MarketSpec;
import io.bulwark.engine.money.Decimals;
import io.bulwark.incident.AuditFindings.FundingFinding;
import io.bulwark.incident.AuditFindings.Verdict;
import io.bulwark.incident.ReferencePrices.Reference;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Judges funding payments against reference prices (the formula is in {@link IncidentAudit}): the rate is
 * recomputed from the reference index, and a trader who paid more than at that rate overpaid.
 */
final class FundingReview {
    private static final BigDecimal ZERO = Decimals.usd(BigDecimal.ZERO);
    private static final int RATE_SCALE = 12;

    private final ReferencePrices references;
    private final Map<String, MarketSpec> specs;
    private final Map<String, BigDecimal> actualIndex = new TreeMap<>();

    FundingReview(ReferencePrices references, Map<String, MarketSpec> specs) {
        this.references = references;
        this.specs = specs;
    }

    /** The index the exchange actually used in {@code market}, as of the rows fed so far. */
    void indexAccepted(String market, BigDecimal indexPrice) {
        actualIndex.put(market, indexPrice);
    }

    FundingFinding judge(long sequence, Instant time, FundingPaid f, Optional<FundingSettled> settled) {
        Optional<Reference> ref = references.at(f.market(), time.toEpochMilli());
        MarketSpec spec = specs.get(f.market());
        BigDecimal index = actualIndex.getOrDefault(
                f.market(), settled.map(FundingSettled::markPrice).orElse(null));
        if (ref.isEmpty() || spec == null || index == null) {
            String why = ref.isEmpty() ? references.missing(f.market()) : "no actual index for " + f.market();
            return new FundingFinding(
                    sequence,
                    time,
                    f.accountId(),
                    f.market(),
                    f.positionSize(),
                    f.rate(),
                    f.amount(),
                    index,
                    null,
                    null,
                    null,
                    null,
                    Verdict.UNDETERMINED,
                    why,
                    ZERO,
                    null);
        }
        return recomputed(sequence, time, f, index, ref.get(), spec.maxFundingRate());
    }

    private static FundingFinding recomputed(
            long sequence, Instant time, FundingPaid f, BigDecimal index, Reference ref, BigDecimal max) {
        BigDecimal r = ref.price();
        BigDecimal rate = BigDecimal.ONE
                .add(f.rate())
                .multiply(index)
                .divide(r, RATE_SCALE, RoundingMode.HALF_EVEN)
                .subtract(BigDecimal.ONE)
                .max(max.negate())
                .min(max);
        BigDecimal amount =
                f.positionSize().multiply(rate).multiply(r).setScale(Decimals.USD_SCALE, RoundingMode.CEILING);
        BigDecimal overpaid = f.amount().subtract(amount).max(ZERO);
        boolean over = overpaid.signum() > 0;
        return new FundingFinding(
                sequence,
                time,
                f.accountId(),
                f.market(),
                f.positionSize(),
                f.rate(),
                f.amount(),
                index,
                r,
                ref.source(),
                rate,
                amount,
                over ? Verdict.OVERPAID : Verdict.LEGITIMATE,
                over
                        ? "paid more than at a rate from the reference index"
                        : "not more than at a rate from the reference index",
                overpaid,
                null);
    }
}
