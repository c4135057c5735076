package io.bulwark.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.command.PostOraclePrices;
import io.bulwark.order.TradingApiTestBase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operators' metrics (SPEC section 12, v2) on the management port of a running instance, and the promise
 * behind {@code ops/}: every metric a Grafana panel or a Prometheus rule names is one the service exports.
 */
class OpsMetricsTests extends TradingApiTestBase {
    private static final Path OPS = Path.of("ops");
    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]");
    private static final Pattern TYPE = Pattern.compile("^# TYPE (\\S+) (\\S+)");

    @Test
    void perMarketGaugesTheVaultAndTheWriterRoleAreExported() {
        String market = newMarket();
        markAt(market, "100");
        trade(newFundedTrader("10000"), newFundedTrader("10000"), market, "1", "100");

        String metrics = metrics();

        String m = "{market=\"" + market + "\"}";
        assertThat(metrics)
                .contains("bulwark_market_trading_state" + m + " 2.0")
                .contains("bulwark_market_price_healthy" + m + " 1.0")
                .contains("bulwark_market_open_interest" + m + " 1.0")
                .contains("bulwark_market_funding_halted" + m + " 0.0")
                .contains("bulwark_market_liquidations_paused" + m + " 0.0")
                .contains("bulwark_market_price_age_seconds" + m + " ")
                .contains("bulwark_exchange_trading_state 2.0")
                .contains("bulwark_liquidator_vault_balance ")
                .contains("bulwark_writer_role{role=\"WRITER\"} 1.0")
                .contains("bulwark_writer_role{role=\"STANDBY\"} 0.0")
                .contains("bulwark_writer_role{role=\"RECOVERING\"} 0.0");
        assertThat(value(metrics, "bulwark_market_price_age_seconds" + m)).isBetween(0.0, 60.0);
    }

    @Test
    void latencyTimersAreHistogramsWithBoundedBuckets() {
        String market = newMarket();
        markAt(market, "100");
        trade(newFundedTrader("10000"), newFundedTrader("10000"), market, "1", "100");

        String metrics = metrics();

        Map<String, String> types = types(metrics);
        for (String histogram : List.of(
                "bulwark_journal_commit_seconds", "bulwark_engine_apply_seconds", "bulwark_journal_batch_size")) {
            assertThat(types).containsEntry(histogram, "histogram");
            assertThat(lines(metrics, histogram + "_bucket{")).hasSizeBetween(5, 80);
        }
        assertThat(metrics).contains("bulwark_journal_commit_seconds_bucket{le=\"0.05\"}");
        assertThat(types).containsEntry("http_server_requests_seconds", "histogram");
        List<String> placeBuckets = lines(metrics, "http_server_requests_seconds_bucket{").stream()
                .filter(l -> l.contains("method=\"POST\"")
                        && l.contains("status=\"201\"")
                        && l.contains("uri=\"/api/v1/orders\""))
                .toList();
        assertThat(placeBuckets).hasSize(13);
    }

    @Test
    void everyMetricTheDashboardsAndAlertRulesNameIsExported() throws IOException {
        String market = newMarket();
        markAt(market, "100");
        trade(newFundedTrader("10000"), newFundedTrader("10000"), market, "1", "100");
        // an oracle update refused, so the refused-updates counter has a series
        gateway.submit(
                new PostOraclePrices(
                        List.of(new PostOraclePrices.Quote(market, "test-feed", "-1", System.currentTimeMillis()))),
                "test");

        String metrics = metrics();
        Set<String> samples = samples(metrics);
        Map<String, String> types = types(metrics);
        Set<String> recorded = new TreeSet<>();
        Map<String, Set<String>> named = new TreeMap<>();
        readRules(recorded, named);
        readDashboards(named);

        assertThat(named).as("metric names found in ops/").isNotEmpty();
        List<String> missing = new ArrayList<>();
        named.forEach((name, where) -> {
            boolean known =
                    name.contains(":") ? recorded.contains(name) : samples.contains(name) || types.containsKey(name);
            if (!known) {
                missing.add(name + " (in " + where + ")");
            }
            if (name.endsWith("_bucket")) {
                String family = name.substring(0, name.length() - "_bucket".length());
                assertThat(types.get(family))
                        .as(name + " is a histogram's buckets")
                        .isEqualTo("histogram");
            }
        });
        assertThat(missing)
                .as("metrics named in ops/ that the service does not export")
                .isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static void readRules(Set<String> recorded, Map<String, Set<String>> named) throws IOException {
        try (Stream<Path> files = Files.list(OPS.resolve("prometheus"))) {
            List<Path> rules = files.filter(p -> p.getFileName().toString().endsWith(".rules.yml"))
                    .sorted()
                    .toList();
            assertThat(rules).isNotEmpty();
            for (Path file : rules) {
                Map<String, Object> doc = new Yaml().load(Files.readString(file));
                for (Map<String, Object> group : (List<Map<String, Object>>) doc.get("groups")) {
                    for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                        if (rule.get("record") != null) {
                            recorded.add((String) rule.get("record"));
                        }
                        String where = file + " " + rule.getOrDefault("alert", rule.get("record"));
                        PromQlNames.of(String.valueOf(rule.get("expr")))
                                .forEach(n -> named.computeIfAbsent(n, k -> new TreeSet<>())
                                        .add(where));
                    }
                }
            }
        }
    }

    private static void readDashboards(Map<String, Set<String>> named) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        try (Stream<Path> files = Files.walk(OPS.resolve("grafana"))) {
            List<Path> dashboards =
                    files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assertThat(dashboards).isNotEmpty();
            for (Path file : dashboards) {
                JsonNode root = json.readTree(file.toFile());
                for (JsonNode expr : root.findValues("expr")) {
                    PromQlNames.of(expr.asString())
                            .forEach(n -> named.computeIfAbsent(n, k -> new TreeSet<>())
                                    .add(file.toString()));
                }
                for (JsonNode variable : root.path("templating").path("list")) {
                    if (variable.path("type").asString().equals("query")) {
                        JsonNode query = variable.path("query");
                        String text = query.isObject() ? query.path("query").asString() : query.asString();
                        PromQlNames.ofVariableQuery(text)
                                .forEach(n -> named.computeIfAbsent(n, k -> new TreeSet<>())
                                        .add(file + " $" + variable.path("name").asString()));
                    }
                }
            }
        }
    }

    private static Set<String> samples(String metrics) {
        Set<String> names = new TreeSet<>();
        metrics.lines().forEach(line -> {
            Matcher m = SAMPLE.matcher(line);
            if (m.find()) {
                names.add(m.group(1));
            }
        });
        return names;
    }

    /** Metric families by type, from the {@code # TYPE} lines (a histogram's family has no suffix). */
    private static Map<String, String> types(String metrics) {
        Map<String, String> types = new TreeMap<>();
        metrics.lines().forEach(line -> {
            Matcher m = TYPE.matcher(line);
            if (m.find()) {
                types.put(m.group(1), m.group(2));
            }
        });
        return types;
    }

    private static List<String> lines(String metrics, String prefix) {
        return metrics.lines().filter(l -> l.startsWith(prefix)).toList();
    }

    private static double value(String metrics, String series) {
        String line = lines(metrics, series + " ").getFirst();
        return Double.parseDouble(line.substring(series.length() + 1).trim());
    }
}
