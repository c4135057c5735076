package io.bulwark.candle;

import io.bulwark.web.ApiException;
import io.bulwark.web.EngineClient;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Candles from the {@code candles} read model. An interval in which nothing happened has no candle (gaps are not
 * filled). With {@code from}, the first {@code limit} candles that open at or after it (and at or before {@code
 * to}); without, the last {@code limit} that open at or before {@code to} (or now). Oldest first either way.
 */
@Service
class Candles {
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 1000;
    private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");
    private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    static final String COLUMNS = "SELECT open_time, open_price, high_price, low_price, close_price, volume,"
            + " quote_volume, trades FROM candles WHERE market = ? AND price_kind = ? AND interval_code = ?";

    private final EngineClient engine;
    private final JdbcTemplate jdbc;

    Candles(EngineClient engine, JdbcTemplate jdbc) {
        this.engine = engine;
        this.jdbc = jdbc;
    }

    /** The shape and values of a candles request, checked before the market is looked up (400 before 404). */
    record Query(CandleInterval interval, PriceKind kind, Instant from, Instant to, int limit) {

        static Query of(String interval, String price, String from, String to, int limit) {
            CandleInterval i = CandleInterval.of(interval)
                    .orElseThrow(() -> ApiException.badRequest(
                            "interval: must be one of " + CandleInterval.codes() + ", not " + interval));
            PriceKind kind = PriceKind.of(price)
                    .orElseThrow(() ->
                            ApiException.badRequest("price: must be one of " + PriceKind.codes() + ", not " + price));
            Instant start = from == null ? null : time("from", from);
            Instant end = to == null ? null : time("to", to);
            if (start != null && end != null && start.isAfter(end)) {
                throw ApiException.badRequest("from: must not be after to");
            }
            return new Query(i, kind, start, end, limit);
        }

        /** Epoch milliseconds or an ISO-8601 instant ({@code 2026-12-05T12:00:00Z}). */
        private static Instant time(String name, String value) {
            Instant time;
            try {
                time = value.matches("-?[0-9]{1,15}")
                        ? Instant.ofEpochMilli(Long.parseLong(value))
                        : Instant.parse(value);
            } catch (DateTimeParseException e) {
                throw ApiException.badRequest(
                        name + ": must be epoch milliseconds or an ISO-8601 instant like 2026-12-05T12:00:00Z");
            }
            if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
                throw ApiException.badRequest(name + ": must be between years 1 and 9999");
            }
            return time;
        }
    }

    List<CandleResponse> candles(String market, Query q) {
        if (engine.publicView().market(market).isEmpty()) {
            throw ApiException.notFound("UNKNOWN_MARKET", "no market " + market);
        }
        List<Object> args =
                new ArrayList<>(List.of(market, q.kind().code(), q.interval().code()));
        StringBuilder sql = new StringBuilder(COLUMNS);
        if (q.from() != null) {
            sql.append(" AND open_time >= ?");
            args.add(Timestamp.from(q.from()));
        }
        if (q.to() != null) {
            sql.append(" AND open_time <= ?");
            args.add(Timestamp.from(q.to()));
        }
        boolean oldestFirst = q.from() != null;
        sql.append(oldestFirst ? " ORDER BY open_time ASC" : " ORDER BY open_time DESC")
                .append(" LIMIT ?");
        args.add(q.limit());
        List<CandleResponse> rows = jdbc.query(sql.toString(), Candles::row, args.toArray());
        return oldestFirst ? rows : rows.reversed();
    }

    static CandleResponse row(ResultSet rs, int n) throws SQLException {
        return new CandleResponse(
                rs.getTimestamp(1).toInstant(),
                rs.getBigDecimal(2),
                rs.getBigDecimal(3),
                rs.getBigDecimal(4),
                rs.getBigDecimal(5),
                rs.getBigDecimal(6),
                rs.getBigDecimal(7),
                rs.getLong(8));
    }
}
