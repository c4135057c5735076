package io.bulwark.incident;

import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.IncidentRefunded;
import io.bulwark.engine.event.RefundPaid;
import io.bulwark.journal.Committed;
import io.bulwark.journal.Projection;
import io.bulwark.journal.SqlBatch;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.stereotype.Component;

/** Writes each {@link RefundPaid} to {@code refunds} and each {@link IncidentRefunded} to {@code incident_payments}. */
@Component
class RefundProjection implements Projection {
    static final String INSERT_REFUND = """
            INSERT INTO refunds (incident_id, account_id, amount, sequence, time) VALUES (?, ?, ?, ?, ?)
            """;
    static final String INSERT_PAYMENT = """
            INSERT INTO incident_payments (incident_id, sequence, total, accounts, actor, time)
            VALUES (?, ?, ?, ?, ?, ?)
            """;

    @Override
    public List<String> tables() {
        return List.of("incident_payments", "refunds");
    }

    @Override
    public void project(Committed entry, SqlBatch batch) {
        OffsetDateTime time = OffsetDateTime.ofInstant(Instant.ofEpochMilli(entry.timestamp()), ZoneOffset.UTC);
        for (Event event : entry.events()) {
            switch (event) {
                case RefundPaid r ->
                    batch.add(INSERT_REFUND, r.incidentId(), r.accountId(), r.amount(), entry.sequence(), time);
                case IncidentRefunded p ->
                    batch.add(
                            INSERT_PAYMENT, p.incidentId(), entry.sequence(), p.total(), p.accounts(), p.actor(), time);
                default -> {}
            }
        }
    }
}
