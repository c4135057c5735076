package io.bulwark.incident;

import io.bulwark.engine.command.PayRefunds;
import io.bulwark.engine.desk.refund.PaidIncidents;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.FundingPaid;
import io.bulwark.engine.event.FundingSettled;
import io.bulwark.engine.event.Liquidated;
import io.bulwark.engine.event.OraclePriceAccepted;
import io.bulwark.engine.market.MarketSpec;
import io.bulwark.engine.money.Decimals;
import io.bulwark.incident.AuditFindings.AccountRefund;
import io.bulwark.incident.AuditFindings.FundingFinding;
import io.bulwark.incident.AuditFindings.LiquidationFinding;
import io.bulwark.incident.AuditFindings.Totals;
import io.bulwark.incident.AuditFindings.Verdict;
import io.bulwark.incident.ReferencePrices.Reference;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Re-examines the journal's liquidations and funding payments against reference prices (SPEC section 9).
 * Fed the journal's rows in order (earlier rows only feed the reference prices), it judges each one:
 *
 * <ul>
 *   <li>A liquidation's account is revalued with every market it was liquidated in at that sequence moved from
 *       the recorded mark M to the reference price R (the reference mark: the book's basis at a bad price is
 *       itself a product of the bad feed), other markets unchanged: {@code equity_R = equityBefore + Σ size ×
 *       (R − M)}, {@code requirement_R = requirementBefore + Σ |size| × (R − M) × maintenanceMarginFraction}.
 *       At or above the requirement it was bogus, and its refund is {@code fee + max(0, size × (R − price)) −
 *       badDebt} (at least 0): the fee, what the closing price took from the trader versus R, less the loss the
 *       vault already covered.
 *   <li>A funding payment is recomputed at a rate from the reference index: a premium sample p = mid / I − 1
 *       on the actual index I would have been (1 + p) × I / R − 1 on R, so {@code rate_R = clamp((1 + rate) ×
 *       I / R − 1, ±maxFundingRate)} and {@code amount_R = size × rate_R × R}; the trader overpaid {@code
 *       amount − amount_R} when that is positive.
 * </ul>
 *
 * Rounding: the price loss rounds up to the ledger unit (in the trader's favour, once per item), amount_R
 * rounds up as the engine rounds funding; fees, bad debt and paid amounts are already at the ledger scale.
 */
final class IncidentAudit {
    private static final BigDecimal ZERO = Decimals.usd(BigDecimal.ZERO);
    private static final int RATE_SCALE = 12;

    private final long fromSequence;
    private final ReferencePrices references;
    private final Map<String, MarketSpec> specs;
    private final Map<String, BigDecimal> actualIndex = new TreeMap<>();
    private final List<LiquidationFinding> liquidations = new ArrayList<>();
    private final List<FundingFinding> funding = new ArrayList<>();

    IncidentAudit(long fromSequence, ReferencePrices references, Map<String, MarketSpec> specs) {
        this.fromSequence = fromSequence;
        this.references = references;
        this.specs = specs;
    }

    /** One journal row (not reverted), in sequence order. */
    void row(long sequence, long timestamp, List<Event> events) {
        Map<String, List<Liquidated>> liquidatedByAccount = new LinkedHashMap<>();
        Map<String, FundingSettled> settled = new TreeMap<>();
        List<FundingPaid> paid = new ArrayList<>();
        for (Event event : events) {
            switch (event) {
                case OraclePriceAccepted p -> {
                    references.accept(p, timestamp);
                    actualIndex.put(p.market(), p.indexPrice());
                }
                case Liquidated l ->
                    liquidatedByAccount
                            .computeIfAbsent(l.accountId(), a -> new ArrayList<>())
                            .add(l);
                case FundingSettled s -> settled.put(s.market(), s);
                case FundingPaid f -> paid.add(f);
                default -> {}
            }
        }
        if (sequence < fromSequence) {
            return;
        }
        Instant time = Instant.ofEpochMilli(timestamp);
        liquidatedByAccount.values().forEach(group -> judgeLiquidation(sequence, time, group));
        for (FundingPaid f : paid) {
            judgeFunding(sequence, time, f, Optional.ofNullable(settled.get(f.market())));
        }
    }

    /** An account's liquidation at one sequence, one event per market: judged together, equity being shared. */
    private void judgeLiquidation(long sequence, Instant time, List<Liquidated> group) {
        Liquidated first = group.getFirst();
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
        BigDecimal equity = first.equityBefore();
        BigDecimal requirement = first.maintenanceRequirementBefore();
        if (missing.isEmpty()) {
            for (Liquidated l : group) {
                BigDecimal move = refs.get(l.market()).price().subtract(l.markPrice());
                equity = equity.add(l.size().multiply(move));
                requirement = requirement.add(l.size()
                        .abs()
                        .multiply(move)
                        .multiply(specs.get(l.market()).maintenanceMarginFraction()));
            }
        }
        boolean bogus = missing.isEmpty() && equity.compareTo(requirement) >= 0;
        for (Liquidated l : group) {
            Reference ref = refs.get(l.market());
            BigDecimal priceLoss = ref == null
                    ? null
                    : l.size()
                            .multiply(ref.price().subtract(l.price()))
                            .max(BigDecimal.ZERO)
                            .setScale(Decimals.USD_SCALE, RoundingMode.CEILING);
            BigDecimal refund =
                    bogus ? l.fee().add(priceLoss).subtract(l.badDebt()).max(ZERO) : ZERO;
            Verdict verdict = !missing.isEmpty() ? Verdict.UNDETERMINED : bogus ? Verdict.BOGUS : Verdict.LEGITIMATE;
            String detail = !missing.isEmpty()
                    ? missing
                    : bogus
                            ? "equity at the reference mark was at or above the maintenance requirement"
                            : "below the maintenance requirement at the reference mark too";
            liquidations.add(new LiquidationFinding(
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
                    missing.isEmpty() ? equity : null,
                    missing.isEmpty() ? requirement : null,
                    l.fee(),
                    l.badDebt(),
                    priceLoss,
                    l.deleveraged(),
                    verdict,
                    detail,
                    refund,
                    null));
        }
    }

    private void judgeFunding(long sequence, Instant time, FundingPaid f, Optional<FundingSettled> settled) {
        Optional<Reference> ref = references.at(f.market(), time.toEpochMilli());
        MarketSpec spec = specs.get(f.market());
        BigDecimal index = actualIndex.getOrDefault(
                f.market(), settled.map(FundingSettled::markPrice).orElse(null));
        if (ref.isEmpty() || spec == null || index == null) {
            String why = ref.isEmpty() ? references.missing(f.market()) : "no actual index for " + f.market();
            funding.add(new FundingFinding(
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
                    null));
            return;
        }
        BigDecimal r = ref.get().price();
        BigDecimal max = spec.maxFundingRate();
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
        Verdict verdict = overpaid.signum() > 0 ? Verdict.OVERPAID : Verdict.LEGITIMATE;
        String detail = overpaid.signum() > 0
                ? "paid more than at a rate from the reference index"
                : "not more than at a rate from the reference index";
        funding.add(new FundingFinding(
                sequence,
                time,
                f.accountId(),
                f.market(),
                f.positionSize(),
                f.rate(),
                f.amount(),
                index,
                r,
                ref.get().source(),
                rate,
                amount,
                verdict,
                detail,
                overpaid,
                null));
    }

    /** The identity of every item examined, as the engine remembers refunded ones. */
    List<String> itemKeys() {
        List<String> keys = new ArrayList<>();
        liquidations.forEach(l -> keys.add(key(l)));
        funding.forEach(f -> keys.add(key(f)));
        return keys;
    }

    static String key(LiquidationFinding l) {
        return PaidIncidents.itemKey(PayRefunds.Kind.LIQUIDATION, l.sequence(), l.accountId(), l.market());
    }

    static String key(FundingFinding f) {
        return PaidIncidents.itemKey(PayRefunds.Kind.FUNDING, f.sequence(), f.accountId(), f.market());
    }

    AuditFindings findings() {
        return findings(Map.of());
    }

    /**
     * The findings, each item that a paid incident already refunded ({@code refundedBy}: item key to incident)
     * marked ALREADY_REFUNDED with a refund of 0 and left out of the refunds and totals (SPEC section 9, v2).
     */
    AuditFindings findings(Map<String, String> refundedBy) {
        liquidations.replaceAll(l -> Optional.ofNullable(refundedBy.get(key(l)))
                .map(incident -> l.refundedBy(incident, ZERO))
                .orElse(l));
        funding.replaceAll(f -> Optional.ofNullable(refundedBy.get(key(f)))
                .map(incident -> f.refundedBy(incident, ZERO))
                .orElse(f));
        Map<String, BigDecimal[]> perAccount = new TreeMap<>(ACCOUNT_ORDER);
        Map<String, Integer> bogusCount = new TreeMap<>(ACCOUNT_ORDER);
        for (LiquidationFinding l : liquidations) {
            perAccount.computeIfAbsent(l.accountId(), a -> new BigDecimal[] {ZERO, ZERO})[0] =
                    perAccount.get(l.accountId())[0].add(l.refund());
            if (l.verdict() == Verdict.BOGUS) {
                bogusCount.merge(l.accountId(), 1, Integer::sum);
            }
        }
        for (FundingFinding f : funding) {
            perAccount.computeIfAbsent(f.accountId(), a -> new BigDecimal[] {ZERO, ZERO})[1] =
                    perAccount.get(f.accountId())[1].add(f.refund());
        }
        List<AccountRefund> accounts = new ArrayList<>();
        perAccount.forEach((account, sums) -> {
            BigDecimal total = sums[0].add(sums[1]);
            if (total.signum() > 0) {
                accounts.add(new AccountRefund(account, bogusCount.getOrDefault(account, 0), sums[0], sums[1], total));
            }
        });
        BigDecimal liquidationRefund =
                accounts.stream().map(AccountRefund::liquidationRefund).reduce(ZERO, BigDecimal::add);
        BigDecimal fundingRefund =
                accounts.stream().map(AccountRefund::fundingRefund).reduce(ZERO, BigDecimal::add);
        int undetermined = (int) (liquidations.stream()
                        .filter(l -> l.verdict() == Verdict.UNDETERMINED)
                        .count()
                + funding.stream()
                        .filter(f -> f.verdict() == Verdict.UNDETERMINED)
                        .count());
        Totals totals = new Totals(
                liquidations.size(),
                (int) liquidations.stream()
                        .filter(l -> l.verdict() == Verdict.BOGUS)
                        .count(),
                undetermined,
                funding.size(),
                accounts.size(),
                liquidationRefund,
                fundingRefund,
                liquidationRefund.add(fundingRefund),
                (int) (liquidations.stream()
                                .filter(l -> l.verdict() == Verdict.ALREADY_REFUNDED)
                                .count()
                        + funding.stream()
                                .filter(f -> f.verdict() == Verdict.ALREADY_REFUNDED)
                                .count()));
        return new AuditFindings(List.copyOf(liquidations), List.copyOf(funding), accounts, totals);
    }

    /** Account ids are decimal numbers: shorter first, then by text, so "9" comes before "10". */
    private static final Comparator<String> ACCOUNT_ORDER =
            Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());
}
