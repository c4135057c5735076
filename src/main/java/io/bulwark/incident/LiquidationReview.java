package io.bulwark.incident;

import io.bulwark.engine.event.Liquidated;
import io.bulwark.engine.market.MarketSpec;
import io.bulwark.engine.money.Decimals;
import io.bulwark.incident.AuditFindings.LiquidationFinding;
import io.bulwark.incident.AuditFindings.Verdict;
import io.bulwark.incident.ReferencePrices.Reference;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Judges one account's liquidation at one sequence against reference prices (the formulas are in {@link
 * IncidentAudit}): the account is revalued with each liquidated market moved from the recorded mark to the
 * reference price; at or above the requirement there, the liquidation was bogus.
 */
final class LiquidationReview {
    private static final BigDecimal ZERO = Decimals.usd(BigDecimal.ZERO);

    private final ReferencePrices references;
    private final Map<String, MarketSpec> specs;

    LiquidationReview(ReferencePrices references, Map<String, MarketSpec> specs) {
        this.references = references;
        this.specs = specs;
    }

    /**
     * The reference price of each liquidated market, or why one is missing ({@code missing} non-empty): then
     * the whole group is undetermined.
     */
    private record References(Map<String, Reference> byMarket, String missing) {
        boolean complete() {
            return missing.isEmpty();
        }
    }

    /** Equity and maintenance requirement revalued at the reference marks. */
    private record Revalued(BigDecimal equity, BigDecimal requirement) {
        boolean bogus() {
            return equity.compareTo(requirement) >= 0;
        }
    }

    /** An account's liquidation at one sequence, one event per market: judged together, equity being shared. */
    List<LiquidationFinding> judge(long sequence, Instant time, List<Liquidated> group) {
        References refs = references(time, group);
        Optional<Revalued> revalued = refs.complete() ? Optional.of(revalue(group, refs)) : Optional.empty();
        boolean bogus = revalued.map(Revalued::bogus).orElse(false);
        Verdict verdict = !refs.complete() ? Verdict.UNDETERMINED : bogus ? Verdict.BOGUS : Verdict.LEGITIMATE;
        String detail = !refs.complete()
                ? refs.missing()
                : bogus
                        ? "equity at the reference mark was at or above the maintenance requirement"
                        : "below the maintenance requirement at the reference mark too";
        return group.stream()
                .map(l -> finding(sequence, time, l, refs.byMarket().get(l.market()), revalued, verdict, detail))
                .toList();
    }

    private References references(Instant time, List<Liquidated> group) {
        Map<String, Reference> refs = new TreeMap<>();
        String missing = "";
        for (Liquidated l : group) {
            Optional<Reference> ref = references.at(l.market(), time.toEpochMilli());
            if (ref.isPresent() && specs.containsKey(l.market())) {
                refs.put(l.market(), ref.get());
            } else if (missing.isEmpty()) {
                missing = references.missing(l.market());
            }
        }
        return new References(refs, missing);
    }

    private Revalued revalue(List<Liquidated> group, References refs) {
        Liquidated first = group.getFirst();
        BigDecimal equity = first.equityBefore();
        BigDecimal requirement = first.maintenanceRequirementBefore();
        for (Liquidated l : group) {
            BigDecimal move = refs.byMarket().get(l.market()).price().subtract(l.markPrice());
            equity = equity.add(l.size().multiply(move));
            requirement = requirement.add(
                    l.size().abs().multiply(move).multiply(specs.get(l.market()).maintenanceMarginFraction()));
        }
        return new Revalued(equity, requirement);
    }

    private static LiquidationFinding finding(
            long sequence,
            Instant time,
            Liquidated l,
            Reference ref,
            Optional<Revalued> revalued,
            Verdict verdict,
            String detail) {
        BigDecimal priceLoss = ref == null
                ? null
                : l.size()
                        .multiply(ref.price().subtract(l.price()))
                        .max(BigDecimal.ZERO)
                        .setScale(Decimals.USD_SCALE, RoundingMode.CEILING);
        BigDecimal refund = verdict == Verdict.BOGUS
                ? l.fee().add(priceLoss).subtract(l.badDebt()).max(ZERO)
                : ZERO;
        return new LiquidationFinding(
                sequence,
                time,
                l.accountId(),
                l.market(),
                l.size(),
                l.price(),
                l.markPrice(),
                l.indexPrice(),
                ref == null ? null : ref.price(),
                ref == null ? null : ref.source(),
                l.equityBefore(),
                l.maintenanceRequirementBefore(),
                revalued.map(Revalued::equity).orElse(null),
                revalued.map(Revalued::requirement).orElse(null),
                l.fee(),
                l.badDebt(),
                priceLoss,
                l.deleveraged(),
                verdict,
                detail,
                refund,
                null);
    }
}
