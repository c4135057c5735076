package io.bulwark.incident;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * What an incident audit found (SPEC section 9): every liquidation and funding payment in the range with
 * its evidence, the refund proposed per account, and the totals. Derived data: it can always be recomputed
 * from the journal, so it lives in the {@code incidents} table rather than in exchange state.
 */
record AuditFindings(
        List<LiquidationFinding> liquidations,
        List<FundingFinding> fundingPayments,
        List<AccountRefund> accounts,
        Totals totals) {

    /** How an item compares with the reference price. */
    enum Verdict {
        /** Equity at the reference mark was at or above the maintenance requirement: it should not have happened. */
        BOGUS,
        /** Below maintenance at the reference mark too (liquidations), or no overpayment (funding). */
        LEGITIMATE,
        /** No reference price for that market at that time: not refunded, and the report says why. */
        UNDETERMINED,
        /** Funding paid on a bad index: more than it would have been at the reference index. */
        OVERPAID,
        /** A paid incident ({@code refundedBy}) already refunded this loss: refund 0 (SPEC section 9, v2). */
        ALREADY_REFUNDED
    }

    /** What an already refunded item says instead of this audit's own verdict, which it keeps in words. */
    private static String refundedDetail(String incidentId, Verdict own) {
        return "already refunded by incident " + incidentId + " (this audit alone would find it " + own + ")";
    }

    /**
     * One {@code Liquidated} event with the evidence: equity and requirement as recorded at the actual mark,
     * and as they would have been at the reference mark.
     */
    record LiquidationFinding(
            long sequence,
            Instant time,
            String accountId,
            String market,
            BigDecimal size,
            BigDecimal price,
            BigDecimal markPrice,
            BigDecimal indexPrice,
            BigDecimal referencePrice,
            String referenceSource,
            BigDecimal equityAtMark,
            BigDecimal requirementAtMark,
            BigDecimal equityAtReference,
            BigDecimal requirementAtReference,
            BigDecimal fee,
            BigDecimal badDebt,
            BigDecimal priceLoss,
            boolean deleveraged,
            Verdict verdict,
            String detail,
            BigDecimal refund,
            String refundedBy) {

        /** The same liquidation found refunded by another incident: evidence kept, nothing more to pay. */
        LiquidationFinding refundedBy(String incidentId, BigDecimal zero) {
            return new LiquidationFinding(
                    sequence,
                    time,
                    accountId,
                    market,
                    size,
                    price,
                    markPrice,
                    indexPrice,
                    referencePrice,
                    referenceSource,
                    equityAtMark,
                    requirementAtMark,
                    equityAtReference,
                    requirementAtReference,
                    fee,
                    badDebt,
                    priceLoss,
                    deleveraged,
                    Verdict.ALREADY_REFUNDED,
                    refundedDetail(incidentId, verdict),
                    zero,
                    incidentId);
        }
    }

    /** One {@code FundingPaid} event (amount > 0 paid) with the amount at a rate from the reference index. */
    record FundingFinding(
            long sequence,
            Instant time,
            String accountId,
            String market,
            BigDecimal positionSize,
            BigDecimal rate,
            BigDecimal amount,
            BigDecimal indexPrice,
            BigDecimal referencePrice,
            String referenceSource,
            BigDecimal referenceRate,
            BigDecimal referenceAmount,
            Verdict verdict,
            String detail,
            BigDecimal refund,
            String refundedBy) {

        /** The same payment found refunded by another incident: evidence kept, nothing more to pay. */
        FundingFinding refundedBy(String incidentId, BigDecimal zero) {
            return new FundingFinding(
                    sequence,
                    time,
                    accountId,
                    market,
                    positionSize,
                    rate,
                    amount,
                    indexPrice,
                    referencePrice,
                    referenceSource,
                    referenceRate,
                    referenceAmount,
                    Verdict.ALREADY_REFUNDED,
                    refundedDetail(incidentId, verdict),
                    zero,
                    incidentId);
        }
    }

    /** The refund proposed for one account: its bogus liquidations plus its funding overpaid. */
    record AccountRefund(
            String accountId,
            int bogusLiquidations,
            BigDecimal liquidationRefund,
            BigDecimal fundingRefund,
            BigDecimal refund) {}

    /**
     * The totals; refunds exclude items already refunded by another incident, which {@code alreadyRefunded}
     * counts (absent in reports made before v2).
     */
    record Totals(
            int liquidations,
            int bogusLiquidations,
            int undetermined,
            int fundingPayments,
            int accounts,
            BigDecimal liquidationRefund,
            BigDecimal fundingRefund,
            BigDecimal refund,
            Integer alreadyRefunded) {}
}
