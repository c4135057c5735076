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
import io.bulwark.incident.AuditFindings.FundingFinding;
import io.bulwark.incident.AuditFindings.LiquidationFinding;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
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
 * The judging is done by {@link LiquidationReview} and {@link FundingReview}, the adding up by {@link
 * RefundTally}. Rounding: the price loss rounds up to the ledger unit (in the trader's favour, once per item), amount_R
 * rounds up as the engine rounds funding; fees, bad debt and paid amounts are already at the ledger scale.
 */
final class IncidentAudit {
    private static final BigDecimal ZERO = Decimals.usd(BigDecimal.ZERO);

    private final long fromSequence;
    private final ReferencePrices references;
    private final LiquidationReview liquidationReview;
    private final FundingReview fundingReview;
    private final List<LiquidationFinding> liquidations = new ArrayList<>();
    private final List<FundingFinding> funding = new ArrayList<>();

    IncidentAudit(long fromSequence, ReferencePrices references, Map<String, MarketSpec> specs) {
        this.fromSequence = fromSequence;
        this.references = references;
        this.liquidationReview = new LiquidationReview(references, specs);
        this.fundingReview = new FundingReview(references, specs);
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
                    fundingReview.indexAccepted(p.market(), p.indexPrice());
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
        liquidatedByAccount
                .values()
                .forEach(group -> liquidations.addAll(liquidationReview.judge(sequence, time, group)));
        for (FundingPaid f : paid) {
            funding.add(fundingReview.judge(sequence, time, f, Optional.ofNullable(settled.get(f.market()))));
        }
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
        return RefundTally.of(liquidations, funding);
    }
}
