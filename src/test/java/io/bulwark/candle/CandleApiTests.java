package io.bulwark.candle;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.order.TradingApiTestBase;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Candles over HTTP: trade candles add up the public trades, mark and index candles follow the oracle. */
class CandleApiTests extends TradingApiTestBase {

    @Test
    void tradeCandlesAddUpThePublicTradesOfEachInterval() {
        String market = newMarket();
        Trader alice = newFundedTrader("100000");
        Trader bob = newFundedTrader("100000");
        markAt(market, "65000");
        trade(alice, bob, market, "0.1", "65000");
        trade(alice, bob, market, "0.2", "65010");
        placed(bob, Ticket.limit(market, "BUY", "0.3", "64990"));
        placed(alice, Ticket.limit(market, "SELL", "0.3", "64990"));
        JsonNode trades = api.get("/api/v1/markets/" + market + "/trades", null)
                .assertStatus(200)
                .json();
        assertThat(trades.size()).isEqualTo(3);

        for (String interval : List.of("1m", "5m", "1h", "1d")) {
            JsonNode candles = api.get("/api/v1/markets/" + market + "/candles?interval=" + interval, null)
                    .assertStatus(200)
                    .json();
            assertThat(texts(candles)).as(interval).isEqualTo(expected(trades, millis(interval)));
        }
        JsonNode latest = api.get("/api/v1/markets/" + market + "/candles?interval=1d&price=trade&limit=1", null)
                .assertStatus(200)
                .json();
        assertThat(latest.size()).isEqualTo(1);
        Instant open = Instant.parse(latest.get(0).path("openTime").asString());
        String base = "/api/v1/markets/" + market + "/candles?interval=1d";
        assertThat(api.get(base + "&from=" + open, null).json().size()).isEqualTo(1);
        assertThat(api.get(base + "&from=" + open.toEpochMilli() + "&to=" + open.toEpochMilli(), null)
                        .json()
                        .size())
                .isEqualTo(1);
        assertThat(api.get(base + "&from=" + open.plusMillis(1), null).json().isEmpty())
                .isTrue();
        assertThat(api.get(base + "&to=" + open.minusMillis(1), null).json().isEmpty())
                .isTrue();
    }

    @Test
    void markAndIndexCandlesFollowTheOracle() {
        String market = newMarket();
        markAt(market, "65000");
        markAt(market, "65100");
        markAt(market, "64900");
        for (String price : List.of("index", "mark")) {
            JsonNode candles = api.get("/api/v1/markets/" + market + "/candles?interval=1d&price=" + price, null)
                    .assertStatus(200)
                    .json();
            // A candle may end between two updates; the last one's close is the last price either way.
            JsonNode last = candles.get(candles.size() - 1);
            assertThat(new BigDecimal(last.path("close").asString())).isEqualByComparingTo("64900");
            assertThat(last.path("volume").asString()).isEqualTo("0");
            assertThat(last.path("quoteVolume").asString()).isEqualTo("0");
            assertThat(last.path("trades").asLong()).isZero();
            List<BigDecimal> highs = new ArrayList<>();
            candles.forEach(c -> highs.add(new BigDecimal(c.path("high").asString())));
            assertThat(highs.stream().reduce(BigDecimal::max).orElseThrow()).isEqualByComparingTo("65100");
        }
        assertThat(api.get("/api/v1/markets/" + market + "/candles?interval=1m", null)
                        .json()
                        .isEmpty())
                .as("no trades, no trade candles")
                .isTrue();
    }

    @Test
    void badCandleRequestsAreCodedProblems() {
        String market = newMarket();
        String base = "/api/v1/markets/" + market + "/candles";
        api.get(base + "?interval=7m", null).assertProblem(400, "VALIDATION_FAILED");
        api.get(base, null).assertProblem(400, "VALIDATION_FAILED");
        api.get(base + "?interval=1m&price=last", null).assertProblem(400, "VALIDATION_FAILED");
        api.get(base + "?interval=1m&from=2026-12-05T12:00:00Z&to=2026-12-05T11:00:00Z", null)
                .assertProblem(400, "VALIDATION_FAILED");
        api.get(base + "?interval=1m&from=1000&to=999", null).assertProblem(400, "VALIDATION_FAILED");
        api.get(base + "?interval=1m&from=yesterday", null).assertProblem(400, "VALIDATION_FAILED");
        api.get(base + "?interval=1m&to=+1000000000-01-01T00:00:00Z", null).assertProblem(400, "VALIDATION_FAILED");
        api.get(base + "?interval=1m&limit=0", null).assertProblem(400, "VALIDATION_FAILED");
        api.get(base + "?interval=1m&limit=1001", null).assertProblem(400, "VALIDATION_FAILED");
        api.get(base + "?interval=1m&limit=x", null).assertProblem(400, "VALIDATION_FAILED");
        assertThat(api.get(base + "?interval=1m&limit=1000", null).status()).isEqualTo(200);
        api.get("/api/v1/markets/NOPE-USD-PERP/candles?interval=1m", null).assertProblem(404, "UNKNOWN_MARKET");
        api.get("/api/v1/markets/NOPE-USD-PERP/candles?interval=7m", null).assertProblem(400, "VALIDATION_FAILED");
    }

    private static long millis(String interval) {
        return switch (interval) {
            case "1m" -> 60_000L;
            case "5m" -> 300_000L;
            case "1h" -> 3_600_000L;
            default -> 86_400_000L;
        };
    }

    /** The candles the trades (newest first, as /trades lists them) make, oldest first, as text. */
    private static List<String> expected(JsonNode trades, long interval) {
        Map<Long, List<JsonNode>> byOpen = new TreeMap<>();
        for (int i = trades.size() - 1; i >= 0; i--) {
            JsonNode t = trades.get(i);
            long time = Instant.parse(t.path("time").asString()).toEpochMilli();
            byOpen.computeIfAbsent(time - Math.floorMod(time, interval), k -> new ArrayList<>())
                    .add(t);
        }
        List<String> out = new ArrayList<>();
        byOpen.forEach((open, list) -> {
            BigDecimal high = null;
            BigDecimal low = null;
            BigDecimal volume = BigDecimal.ZERO;
            BigDecimal quote = BigDecimal.ZERO;
            for (JsonNode t : list) {
                BigDecimal price = new BigDecimal(t.path("price").asString());
                BigDecimal size = new BigDecimal(t.path("size").asString());
                high = high == null ? price : high.max(price);
                low = low == null ? price : low.min(price);
                volume = volume.add(size);
                quote = quote.add(price.multiply(size));
            }
            out.add(String.join(
                    " ",
                    Instant.ofEpochMilli(open).toString(),
                    plain(list.getFirst().path("price").asString()),
                    plain(high),
                    plain(low),
                    plain(list.getLast().path("price").asString()),
                    plain(volume),
                    plain(quote),
                    Integer.toString(list.size())));
        });
        return out;
    }

    private static List<String> texts(JsonNode candles) {
        List<String> out = new ArrayList<>();
        candles.forEach(c -> out.add(String.join(
                " ",
                Instant.parse(c.path("openTime").asString()).toString(),
                plain(c.path("open").asString()),
                plain(c.path("high").asString()),
                plain(c.path("low").asString()),
                plain(c.path("close").asString()),
                plain(c.path("volume").asString()),
                plain(c.path("quoteVolume").asString()),
                Long.toString(c.path("trades").asLong()))));
        return out;
    }

    private static String plain(String decimal) {
        return plain(new BigDecimal(decimal));
    }

    private static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }
}
