package io.bulwark.incident;

import io.bulwark.engine.EngineView.MarketView;
import io.bulwark.engine.command.PayRefunds;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.market.MarketSpec;
import io.bulwark.incident.IncidentRequest.ReferencePrice;
import io.bulwark.incident.IncidentResponse.Inputs;
import io.bulwark.incident.IncidentResponse.OperatorPrice;
import io.bulwark.journal.ReadModels;
import io.bulwark.web.ApiException;
import io.bulwark.web.EngineClient;
import io.bulwark.web.security.Caller;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Incident audits and their refunds (SPEC section 9). The audit reads the journal and stores its report
 * (derived data); paying goes through the engine ({@link PayRefunds}), which makes it exactly-once.
 */
@Service
class IncidentService {
    /** The reference feed replays this many price-age limits of oracle updates before the range. */
    private static final int WARM_UP_AGES = 10;

    private static final Pattern ID = Pattern.compile("[1-9][0-9]{0,17}");
    private final EngineClient engine;
    private final IncidentJournal journal;
    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final ReadModels readModels;

    IncidentService(
            EngineClient engine, IncidentJournal journal, JdbcTemplate jdbc, JsonMapper json, ReadModels readModels) {
        this.engine = engine;
        this.readModels = readModels;
        this.journal = journal;
        this.jdbc = jdbc;
        this.json = json;
    }

    IncidentResponse audit(IncidentRequest request, Caller caller) {
        long last = engine.query(view -> view.lastSequence());
        if (request.fromSequence() > request.toSequence()) {
            throw ApiException.badRequest("fromSequence must not be after toSequence");
        }
        if (request.toSequence() > last) {
            throw ApiException.badRequest("toSequence is after the last committed sequence " + last);
        }
        if (request.sources().isEmpty() && request.prices().isEmpty()) {
            throw ApiException.badRequest("give excludeSources or referencePrices to compare with");
        }
        Map<String, MarketSpec> specs = new TreeMap<>();
        engine.query(view -> view.markets()).stream().map(MarketView::spec).forEach(s -> specs.put(s.market(), s));
        List<OperatorPrice> supplied = operatorPrices(request.prices(), specs);
        Map<String, TreeMap<Long, BigDecimal>> byMarket = new TreeMap<>();
        supplied.forEach(p -> byMarket.computeIfAbsent(p.market(), m -> new TreeMap<>())
                .put(p.timestamp().toEpochMilli(), p.price()));

        IncidentAudit audit = new IncidentAudit(
                request.fromSequence(), new ReferencePrices(new TreeSet<>(request.sources()), byMarket, specs), specs);
        long maxAgeMillis = specs.values().stream()
                        .mapToLong(MarketSpec::maxPriceAgeSeconds)
                        .max()
                        .orElse(0)
                * 1000;
        journal.read(request.fromSequence(), request.toSequence(), WARM_UP_AGES * maxAgeMillis, audit);
        // Items a paid incident refunded are read from the engine, which pays each one once however the
        // audits overlap (SPEC section 9, v2); this only makes the report say so.
        List<String> keys = audit.itemKeys();
        AuditFindings findings = audit.findings(engine.query(view -> view.refundedBy(keys)));

        Instant now = Instant.now();
        Long id = jdbc.queryForObject(
                """
                INSERT INTO incidents (reason, from_sequence, to_sequence, created_by, created_at, request, findings)
                VALUES (?, ?, ?, ?, ?, ?::jsonb, ?::jsonb) RETURNING incident_id
                """,
                Long.class,
                request.reason(),
                request.fromSequence(),
                request.toSequence(),
                caller.actor(),
                Timestamp.from(now),
                json.writeValueAsString(new Inputs(request.sources(), supplied)),
                json.writeValueAsString(findings));
        return find(Long.toString(id)).orElseThrow();
    }

    private static List<OperatorPrice> operatorPrices(List<ReferencePrice> prices, Map<String, MarketSpec> specs) {
        List<OperatorPrice> out = new ArrayList<>();
        for (int i = 0; i < prices.size(); i++) {
            ReferencePrice p = prices.get(i);
            if (!specs.containsKey(p.market())) {
                throw ApiException.badRequest("referencePrices[" + i + "].market: unknown market " + p.market());
            }
            if (p.price().signum() <= 0) {
                throw new ApiException(
                        HttpStatus.BAD_REQUEST, "INVALID_PRICE", "referencePrices[" + i + "].price must be > 0");
            }
            out.add(new OperatorPrice(p.market(), timestamp(p.timestamp(), i), p.price()));
        }
        return out;
    }

    private static Instant timestamp(JsonNode node, int index) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return Instant.ofEpochMilli(node.longValue());
        }
        if (node.isString()) {
            try {
                return Instant.parse(node.asString());
            } catch (DateTimeParseException e) {
                // refused below
            }
        }
        throw ApiException.badRequest(
                "referencePrices[" + index + "].timestamp must be epoch milliseconds or an ISO-8601 instant");
    }

    IncidentResponse get(String incidentId) {
        return find(incidentId).orElseThrow(() -> notFound(incidentId));
    }

    private Optional<IncidentResponse> find(String incidentId) {
        if (!ID.matcher(incidentId).matches()) {
            return Optional.empty();
        }
        readModels.awaitCurrent(); // whether it was paid comes from the incident_payments read model
        List<IncidentResponse> found = jdbc.query(
                """
                SELECT i.incident_id, i.reason, i.from_sequence, i.to_sequence, i.created_at, i.created_by,
                       i.request::text, i.findings::text, p.sequence, p.time
                FROM incidents i LEFT JOIN incident_payments p ON p.incident_id = i.incident_id::text
                WHERE i.incident_id = ?
                """,
                (rs, n) -> {
                    Inputs inputs = json.readValue(rs.getString(7), Inputs.class);
                    AuditFindings findings = json.readValue(rs.getString(8), AuditFindings.class);
                    Long paidSequence = rs.getObject(9, Long.class);
                    Timestamp paidAt = rs.getTimestamp(10);
                    return new IncidentResponse(
                            Long.toString(rs.getLong(1)),
                            paidSequence == null ? IncidentResponse.PROPOSED : IncidentResponse.PAID,
                            rs.getString(2),
                            rs.getLong(3),
                            rs.getLong(4),
                            inputs.excludeSources(),
                            inputs.referencePrices(),
                            rs.getTimestamp(5).toInstant(),
                            rs.getString(6),
                            paidSequence,
                            paidAt == null ? null : paidAt.toInstant(),
                            findings.liquidations(),
                            findings.fundingPayments(),
                            findings.accounts(),
                            findings.totals());
                },
                Long.parseLong(incidentId));
        return found.stream().findFirst();
    }

    /** Pays the proposed refunds through the engine; a repeat pays nothing and answers the same payment. */
    RefundPaymentResponse pay(String incidentId, Caller caller) {
        IncidentResponse incident = get(incidentId);
        // A rollback to before the audited range undid the liquidations themselves (and any payment, which
        // comes after the range): refunding them now would pay traders twice. A standing payment implies a
        // standing range, so a repeat of a paid incident still answers alreadyPaid.
        Boolean reverted = jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM journal WHERE sequence BETWEEN ? AND ? AND reverted)",
                Boolean.class,
                incident.fromSequence(),
                incident.toSequence());
        if (Boolean.TRUE.equals(reverted)) {
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    "INCIDENT_REVERTED",
                    "a rollback reverted journal rows of incident " + incident.incidentId()
                            + "'s range; nothing was paid (audit the standing history again)");
        }
        List<PayRefunds.Refund> refunds = refunds(incident);
        Outcome outcome = engine.submit(new PayRefunds(incident.incidentId(), refunds, caller.actor()), caller.actor());
        boolean repeat = outcome instanceof Outcome.AlreadyApplied;
        readModels.awaitCurrent();
        return jdbc.queryForObject(
                "SELECT sequence, time, total FROM incident_payments WHERE incident_id = ?",
                (rs, n) -> new RefundPaymentResponse(
                        incident.incidentId(),
                        IncidentResponse.PAID,
                        rs.getLong(1),
                        rs.getTimestamp(2).toInstant(),
                        rs.getBigDecimal(3),
                        repeat,
                        jdbc.query(
                                "SELECT account_id, amount FROM refunds WHERE incident_id = ? ORDER BY sequence,"
                                        + " length(account_id), account_id",
                                (r, i) -> new RefundPaymentResponse.Payment(r.getString(1), r.getBigDecimal(2)),
                                incident.incidentId())),
                incident.incidentId());
    }

    /**
     * The report's refunds, each naming the losses it pays: the engine pays only those no paid incident
     * refunded yet, also when this report was made before that incident was paid.
     */
    private static List<PayRefunds.Refund> refunds(IncidentResponse incident) {
        Map<String, List<PayRefunds.Item>> items = new TreeMap<>();
        for (AuditFindings.LiquidationFinding l : incident.liquidations()) {
            if (l.refund().signum() > 0) {
                items.computeIfAbsent(l.accountId(), a -> new ArrayList<>())
                        .add(new PayRefunds.Item(PayRefunds.Kind.LIQUIDATION, l.sequence(), l.market(), l.refund()));
            }
        }
        for (AuditFindings.FundingFinding f : incident.fundingPayments()) {
            if (f.refund().signum() > 0) {
                items.computeIfAbsent(f.accountId(), a -> new ArrayList<>())
                        .add(new PayRefunds.Item(PayRefunds.Kind.FUNDING, f.sequence(), f.market(), f.refund()));
            }
        }
        return incident.accounts().stream()
                .map(a ->
                        new PayRefunds.Refund(a.accountId(), a.refund(), items.getOrDefault(a.accountId(), List.of())))
                .toList();
    }

    /** The refunds paid to one account, newest first. */
    List<RefundResponse> refundsOf(String accountId) {
        readModels.awaitCurrent();
        return jdbc.query(
                """
                SELECT r.incident_id, r.amount, coalesce(i.reason, ''), r.sequence, r.time
                FROM refunds r LEFT JOIN incidents i ON i.incident_id::text = r.incident_id
                WHERE r.account_id = ? ORDER BY r.sequence DESC
                """,
                (rs, n) -> new RefundResponse(
                        rs.getString(1),
                        rs.getBigDecimal(2),
                        rs.getString(3),
                        rs.getLong(4),
                        rs.getTimestamp(5).toInstant()),
                accountId);
    }

    private static ApiException notFound(String incidentId) {
        return ApiException.notFound("INCIDENT_NOT_FOUND", "no incident " + incidentId);
    }
}
