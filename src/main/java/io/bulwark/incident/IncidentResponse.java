package io.bulwark.incident;

import io.bulwark.incident.AuditFindings.AccountRefund;
import io.bulwark.incident.AuditFindings.FundingFinding;
import io.bulwark.incident.AuditFindings.LiquidationFinding;
import io.bulwark.incident.AuditFindings.Totals;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * An incident report: the audit's input, its findings with their evidence, the refund proposed per account
 * and the totals; {@code status} PROPOSED until the refunds are paid, then PAID with the paying sequence.
 */
record IncidentResponse(
        String incidentId,
        String status,
        String reason,
        long fromSequence,
        long toSequence,
        List<String> excludeSources,
        List<OperatorPrice> referencePrices,
        Instant createdAt,
        String createdBy,
        Long paidSequence,
        Instant paidAt,
        List<LiquidationFinding> liquidations,
        List<FundingFinding> fundingPayments,
        List<AccountRefund> accounts,
        Totals totals) {

    static final String PROPOSED = "PROPOSED";
    static final String PAID = "PAID";

    /** A reference price as the operator supplied it. */
    record OperatorPrice(String market, Instant timestamp, BigDecimal price) {}

    /** What the audit was asked, as stored with the report. */
    record Inputs(List<String> excludeSources, List<OperatorPrice> referencePrices) {}
}
