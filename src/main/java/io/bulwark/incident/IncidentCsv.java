package io.bulwark.incident;

import io.bulwark.engine.money.Decimals;
import io.bulwark.incident.AuditFindings.FundingFinding;
import io.bulwark.incident.AuditFindings.LiquidationFinding;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * An incident report as CSV for operators (RFC 4180, CRLF line ends): a header, then one row per
 * liquidation and per funding payment examined, with the evidence, the verdict and the refund. Columns that
 * do not apply to a row's kind are empty.
 */
final class IncidentCsv {
    static final String HEADER = "incidentId,kind,sequence,time,accountId,market,size,price,markPrice,indexPrice,"
            + "referencePrice,referenceSource,equityAtMark,requirementAtMark,equityAtReference,requirementAtReference,"
            + "fee,badDebt,priceLoss,rate,amount,referenceRate,referenceAmount,verdict,refund,detail,refundedBy";

    private IncidentCsv() {}

    static String of(IncidentResponse report) {
        StringBuilder out = new StringBuilder(HEADER).append("\r\n");
        for (LiquidationFinding l : report.liquidations()) {
            row(
                    out,
                    List.of(
                            report.incidentId(),
                            "LIQUIDATION",
                            Long.toString(l.sequence()),
                            l.time().toString(),
                            l.accountId(),
                            l.market(),
                            text(l.size()),
                            text(l.price()),
                            text(l.markPrice()),
                            text(l.indexPrice()),
                            text(l.referencePrice()),
                            nullable(l.referenceSource()),
                            text(l.equityAtMark()),
                            text(l.requirementAtMark()),
                            text(l.equityAtReference()),
                            text(l.requirementAtReference()),
                            text(l.fee()),
                            text(l.badDebt()),
                            text(l.priceLoss()),
                            "",
                            "",
                            "",
                            "",
                            l.verdict().name(),
                            text(l.refund()),
                            l.detail(),
                            nullable(l.refundedBy())));
        }
        for (FundingFinding f : report.fundingPayments()) {
            row(
                    out,
                    List.of(
                            report.incidentId(),
                            "FUNDING",
                            Long.toString(f.sequence()),
                            f.time().toString(),
                            f.accountId(),
                            f.market(),
                            text(f.positionSize()),
                            "",
                            "",
                            text(f.indexPrice()),
                            text(f.referencePrice()),
                            nullable(f.referenceSource()),
                            "",
                            "",
                            "",
                            "",
                            "",
                            "",
                            "",
                            text(f.rate()),
                            text(f.amount()),
                            text(f.referenceRate()),
                            text(f.referenceAmount()),
                            f.verdict().name(),
                            text(f.refund()),
                            f.detail(),
                            nullable(f.refundedBy())));
        }
        return out.toString();
    }

    private static void row(StringBuilder out, List<String> cells) {
        List<String> quoted = new ArrayList<>(cells.size());
        for (String cell : cells) {
            boolean plain = cell.chars().noneMatch(c -> c == ',' || c == '"' || c == '\r' || c == '\n');
            quoted.add(plain ? cell : "\"" + cell.replace("\"", "\"\"") + "\"");
        }
        out.append(String.join(",", quoted)).append("\r\n");
    }

    private static String text(BigDecimal value) {
        return value == null ? "" : Decimals.plain(value);
    }

    private static String nullable(String value) {
        return value == null ? "" : value;
    }
}
