package io.bulwark.funding;

import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.FundingPaid;
import io.bulwark.engine.event.FundingSettled;
import io.bulwark.journal.Committed;
import io.bulwark.journal.Projection;
import io.bulwark.journal.SqlBatch;
import io.bulwark.web.EventCursor;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Writes every {@link FundingPaid} to {@code funding_payments} and every {@link FundingSettled} to
 * {@code funding_rates}. Rows are only ever inserted, each under its own key, so the driver may fold a
 * batch into multi-row INSERTs.
 */
@Component
class FundingProjection implements Projection {
    static final String INSERT_PAYMENT = """
            INSERT INTO funding_payments (payment_id, sequence, event_index, account_id, market, position_size, rate,
                                          amount, time)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """;
    static final String INSERT_RATE = """
            INSERT INTO funding_rates (market, sequence, rate, mark_price, previous_index, cumulative_index,
                                       interval_end, time)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """;

    @Override
    public List<String> tables() {
        return List.of("funding_payments", "funding_rates");
    }

    @Override
    public void project(Committed entry, SqlBatch batch) {
        OffsetDateTime time = time(entry.timestamp());
        int payments = 0;
        for (Event event : entry.events()) {
            switch (event) {
                case FundingPaid p -> {
                    payments++;
                    batch.add(
                            INSERT_PAYMENT,
                            EventCursor.id(entry.sequence(), payments),
                            entry.sequence(),
                            payments,
                            p.accountId(),
                            p.market(),
                            p.positionSize(),
                            p.rate(),
                            p.amount(),
                            time);
                }
                case FundingSettled s ->
                    batch.add(
                            INSERT_RATE,
                            s.market(),
                            entry.sequence(),
                            s.rate(),
                            s.markPrice(),
                            s.previousIndex(),
                            s.cumulativeIndex(),
                            time(s.intervalEnd()),
                            time);
                default -> {}
            }
        }
    }

    static OffsetDateTime time(long epochMillis) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }
}
