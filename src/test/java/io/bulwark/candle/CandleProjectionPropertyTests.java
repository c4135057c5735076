package io.bulwark.candle;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.command.Tick;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.OraclePriceAccepted;
import io.bulwark.engine.event.Traded;
import io.bulwark.engine.order.Side;
import io.bulwark.journal.Committed;
import io.bulwark.journal.GroupCommits;
import io.bulwark.journal.Projection;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * A candle never misses a trade and never counts one twice: random streams of commands (random engine times,
 * trades at random prices and sizes, oracle samples, two markets), cut into group commits at random, projected by
 * {@link CandleProjection} into PostgreSQL, give exactly the candles this test computes on its own from the same
 * trades; so do the same commands projected again from an empty table in other group commits (a rollback's
 * rebuild), and delivering every commit a second time changes nothing.
 */
class CandleProjectionPropertyTests {
    private static final String URL = GroupCommits.migratedDatabase();
    private static final List<Projection> PROJECTION = List.of(new CandleProjection());
    /** The intervals, written out here rather than taken from the code under test. */
    private static final Map<String, Long> INTERVALS = Map.of(
            "1m", 60_000L, "5m", 300_000L, "15m", 900_000L, "1h", 3_600_000L, "4h", 14_400_000L, "1d", 86_400_000L);

    /** One command: how long after the previous one it came (ms), its trades, and maybe an oracle sample. */
    record Step(long delay, List<Trade> trades, BigDecimal index, BigDecimal mark) {}

    record Trade(String market, BigDecimal price, BigDecimal size) {}

    @Property(tries = 60)
    void candlesHoldEveryTradeExactlyOnce(
            @ForAll("streams") List<Step> steps,
            @ForAll("cuts") List<Integer> cuts,
            @ForAll("cuts") List<Integer> otherCuts,
            @ForAll("starts") long start)
            throws SQLException {
        List<Committed> commands = commands(steps, start);
        Map<String, String> expected = expected(commands);

        try (Connection c = GroupCommits.connect(URL)) {
            truncate(c);
            for (List<Committed> commit : split(commands, cuts)) {
                GroupCommits.project(c, PROJECTION, commit);
            }
            assertThat(stored(c)).as("projected commit by commit").isEqualTo(expected);

            for (List<Committed> commit : split(commands, otherCuts)) {
                GroupCommits.project(c, PROJECTION, commit);
            }
            assertThat(stored(c)).as("every command delivered a second time").isEqualTo(expected);

            truncate(c);
            for (List<Committed> commit : split(commands, otherCuts)) {
                GroupCommits.project(c, PROJECTION, commit);
            }
            assertThat(stored(c))
                    .as("rebuilt from an empty table in other commits")
                    .isEqualTo(expected);
            c.rollback();
        }
    }

    @Provide
    Arbitrary<List<Step>> streams() {
        Arbitrary<BigDecimal> prices = Arbitraries.bigDecimals()
                .between(new BigDecimal("0.01"), new BigDecimal("99999.99"))
                .ofScale(2);
        Arbitrary<BigDecimal> sizes = Arbitraries.bigDecimals()
                .between(new BigDecimal("0.001"), new BigDecimal("50"))
                .ofScale(3);
        Arbitrary<Trade> trade = Combinators.combine(Arbitraries.of("AAA-USD-PERP", "BBB-USD-PERP"), prices, sizes)
                .as(Trade::new);
        // Mostly within a candle, sometimes across minutes, hours or a day.
        Arbitrary<Long> delays = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.longs().between(0, 2_000)),
                net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(0, 600_000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(0, 30_000_000)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(0L, 59_999L, 60_000L, 1L)));
        Arbitrary<Step> step = Combinators.combine(delays, trade.list().ofMaxSize(4), prices.injectNull(0.6), prices)
                .as((delay, trades, index, mark) -> new Step(delay, trades, index, index == null ? null : mark));
        return step.list().ofMinSize(1).ofMaxSize(60);
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(1, 12).list().ofMinSize(1).ofMaxSize(30);
    }

    @Provide
    Arbitrary<Long> starts() {
        // Engine times from 2020 to 2030, some exactly on a day's boundary.
        return Arbitraries.oneOf(
                Arbitraries.longs().between(1_577_836_800_000L, 1_893_456_000_000L),
                Arbitraries.longs().between(18_262, 21_914).map(day -> day * 86_400_000L));
    }

    private static List<Committed> commands(List<Step> steps, long start) {
        List<Committed> out = new ArrayList<>();
        long time = start;
        long sequence = 100;
        for (Step step : steps) {
            time += step.delay();
            sequence++;
            List<Event> events = new ArrayList<>();
            int n = 0;
            for (Trade t : step.trades()) {
                n++;
                events.add(new Traded(
                        sequence + "-" + n,
                        t.market(),
                        t.price(),
                        t.size(),
                        Side.BUY,
                        "1",
                        "taker",
                        BigDecimal.ZERO,
                        "2",
                        "maker",
                        BigDecimal.ZERO));
            }
            if (step.index() != null) {
                events.add(new OraclePriceAccepted(
                        "AAA-USD-PERP", "feed", step.index(), time, step.index(), step.mark(), true));
            }
            out.add(new Committed(sequence, time, new Tick(), events, "test"));
        }
        return out;
    }

    /** The group commits: consecutive runs of the commands, of the sizes in {@code cuts} (repeated). */
    private static List<List<Committed>> split(List<Committed> commands, List<Integer> cuts) {
        List<List<Committed>> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; from < commands.size(); i++) {
            int to = Math.min(commands.size(), from + cuts.get(i % cuts.size()));
            out.add(commands.subList(from, to));
            from = to;
        }
        return out;
    }

    /** The candles computed here, one text per key: open high low close volume quoteVolume trades. */
    private static Map<String, String> expected(List<Committed> commands) {
        Map<String, Bar> bars = new TreeMap<>();
        for (Committed command : commands) {
            for (Event event : command.events()) {
                for (Map.Entry<String, Long> interval : INTERVALS.entrySet()) {
                    long open = command.timestamp() - Math.floorMod(command.timestamp(), interval.getValue());
                    if (event instanceof Traded t) {
                        bars.computeIfAbsent(key(t.market(), "trade", interval.getKey(), open), k -> new Bar())
                                .add(t.price(), t.size(), 1);
                    } else if (event instanceof OraclePriceAccepted p) {
                        bars.computeIfAbsent(key(p.market(), "index", interval.getKey(), open), k -> new Bar())
                                .add(p.indexPrice(), BigDecimal.ZERO, 0);
                        bars.computeIfAbsent(key(p.market(), "mark", interval.getKey(), open), k -> new Bar())
                                .add(p.markPrice(), BigDecimal.ZERO, 0);
                    }
                }
            }
        }
        Map<String, String> out = new TreeMap<>();
        bars.forEach((k, bar) -> out.put(k, bar.text()));
        return out;
    }

    /** A candle built trade by trade, the plain way. */
    private static final class Bar {
        BigDecimal open;
        BigDecimal high;
        BigDecimal low;
        BigDecimal close;
        BigDecimal volume = BigDecimal.ZERO;
        BigDecimal quoteVolume = BigDecimal.ZERO;
        long trades;

        void add(BigDecimal price, BigDecimal size, int count) {
            if (open == null) {
                open = price;
                high = price;
                low = price;
            }
            high = high.max(price);
            low = low.min(price);
            close = price;
            volume = volume.add(size);
            quoteVolume = quoteVolume.add(price.multiply(size));
            trades += count;
        }

        String text() {
            return String.join(
                            " ", plain(open), plain(high), plain(low), plain(close), plain(volume), plain(quoteVolume))
                    + " " + trades;
        }
    }

    private static String key(String market, String kind, String interval, long openTime) {
        return market + " " + kind + " " + interval + " " + openTime;
    }

    private static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    private static Map<String, String> stored(Connection c) throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT market, price_kind, interval_code, open_time, open_price,"
                        + " high_price, low_price, close_price, volume, quote_volume, trades FROM candles")) {
            while (rs.next()) {
                out.put(
                        key(
                                rs.getString(1),
                                rs.getString(2),
                                rs.getString(3),
                                rs.getTimestamp(4).getTime()),
                        String.join(
                                        " ",
                                        plain(rs.getBigDecimal(5)),
                                        plain(rs.getBigDecimal(6)),
                                        plain(rs.getBigDecimal(7)),
                                        plain(rs.getBigDecimal(8)),
                                        plain(rs.getBigDecimal(9)),
                                        plain(rs.getBigDecimal(10)))
                                + " " + rs.getLong(11));
            }
        }
        return out;
    }

    private static void truncate(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("TRUNCATE candles");
        }
    }
}
