package io.bulwark.market;

import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.MarketCreated;
import io.bulwark.engine.event.MarketUpdated;
import io.bulwark.engine.event.TradingStateChanged;
import io.bulwark.engine.market.MarketPatch;
import io.bulwark.engine.market.MarketSpec;
import io.bulwark.engine.state.TradingState;
import io.bulwark.journal.Committed;
import io.bulwark.journal.Projection;
import io.bulwark.journal.SqlBatch;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@code markets} table: parameters from MarketCreated/MarketUpdated, the market's own state
 * from TradingStateChanged.
 *
 * <p>One statement text serves all three events on purpose: {@link SqlBatch} runs each distinct text as
 * one JDBC batch, so rows of different texts do not keep their sequence order, while rows of one text
 * do. A null parameter means "unchanged". The WITH form also keeps the driver from rewriting the batch into
 * one multi-row INSERT, which could not touch the same market twice. The statement is written from {@link
 * MarketPatch}'s components, so a new market parameter needs only its column (a migration).
 */
@Component
class MarketProjection implements Projection {
    /** The market's parameters in declaration order; each is the column of its name in snake case. */
    private static final List<RecordComponent> PARAMETERS = List.of(MarketPatch.class.getRecordComponents());

    static final String UPSERT = upsert();

    private static String upsert() {
        List<String> columns = PARAMETERS.stream().map(p -> column(p.getName())).toList();
        String casts =
                PARAMETERS.stream().map(p -> "?::" + sqlType(p.getType())).collect(Collectors.joining(", "));
        String zeroes = columns.stream().map(c -> "COALESCE(" + c + ", 0)").collect(Collectors.joining(", "));
        String updates = columns.stream()
                .map(c -> "    " + c + " = COALESCE((SELECT " + c + " FROM p), m." + c + "),\n")
                .collect(Collectors.joining());
        String names = String.join(", ", columns);
        return "WITH p (market, " + names + ", state, seq)\n"
                + "AS (VALUES (?::text, " + casts + ", ?::text, ?::bigint))\n"
                + "INSERT INTO markets AS m (market, " + names + ", state, updated_sequence)\n"
                + "SELECT market, " + zeroes + ", COALESCE(state, 'OPEN'), seq\n"
                + "FROM p\n"
                + "ON CONFLICT (market) DO UPDATE SET\n"
                + updates
                + "    state = COALESCE((SELECT state FROM p), m.state),\n"
                + "    updated_sequence = EXCLUDED.updated_sequence\n";
    }

    /** {@code maxFundingRate} -> {@code max_funding_rate}. */
    private static String column(String parameter) {
        return parameter.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
    }

    private static String sqlType(Class<?> type) {
        if (type == BigDecimal.class) {
            return "numeric";
        }
        if (type == Long.class) {
            return "bigint";
        }
        if (type == Integer.class) {
            return "int";
        }
        throw new IllegalStateException("no column type for " + type);
    }

    @Override
    public List<String> tables() {
        return List.of("markets");
    }

    @Override
    public void project(Committed entry, SqlBatch batch) {
        for (Event event : entry.events()) {
            switch (event) {
                case MarketCreated c -> batch.add(UPSERT, row(c.spec(), c.state(), entry.sequence()));
                case MarketUpdated u -> batch.add(UPSERT, row(u.spec(), null, entry.sequence()));
                case TradingStateChanged t
                when !t.market().isEmpty() -> batch.add(UPSERT, stateOnly(t.market(), t.to(), entry.sequence()));
                default -> {}
            }
        }
    }

    private static Object[] row(MarketSpec s, TradingState state, long sequence) {
        MarketPatch parameters = MarketPatch.of(s);
        Object[] row = new Object[PARAMETERS.size() + 3];
        row[0] = s.market();
        for (int i = 0; i < PARAMETERS.size(); i++) {
            row[i + 1] = parameters.get(PARAMETERS.get(i).getName());
        }
        row[row.length - 2] = state == null ? null : state.name();
        row[row.length - 1] = sequence;
        return row;
    }

    private static Object[] stateOnly(String market, TradingState state, long sequence) {
        Object[] row = new Object[PARAMETERS.size() + 3];
        row[0] = market;
        row[row.length - 2] = state.name();
        row[row.length - 1] = sequence;
        return row;
    }
}
