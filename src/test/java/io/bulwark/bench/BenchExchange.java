package io.bulwark.bench;

import io.bulwark.testsupport.MarketJson;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a load generator needs on a running Bulwark, made through the public API as an operator would:
 * its own market, an ORACLE key feeding it a steady price once a second, and funded traders.
 */
final class BenchExchange implements AutoCloseable {
    /** The oracle price of the benchmark market; orders are placed around it. */
    static final String MARK = "65000";

    private final BenchHttp http;
    private final String adminKey;
    private final String market;
    private Thread oracle;

    record Trader(String accountId, String apiKey) {}

    private BenchExchange(BenchHttp http, String adminKey, String market) {
        this.http = http;
        this.adminKey = adminKey;
        this.market = market;
    }

    /** Waits for the writer, lists a new market and starts feeding it {@link #MARK}. */
    static BenchExchange open(String baseUrl, String adminKey) throws InterruptedException {
        BenchHttp http = new BenchHttp(baseUrl);
        awaitWriter(http);
        String market = "BENCH" + (System.currentTimeMillis() % 1_000_000) + "-USD-PERP";
        http.require(
                201,
                "POST",
                "/api/v1/admin/markets",
                adminKey,
                MarketJson.btcLike(market).json());
        BenchExchange exchange = new BenchExchange(http, adminKey, market);
        exchange.startOracle();
        return exchange;
    }

    private static void awaitWriter(BenchHttp http) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            BenchHttp.Reply status = http.get("/api/v1/system/status", null);
            if (status.status() == 200 && "WRITER".equals(status.text("role"))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("no writer at " + http.baseUrl() + " within 120 s");
    }

    String market() {
        return market;
    }

    String baseUrl() {
        return http.baseUrl();
    }

    /** An ORACLE key posts {@link #MARK} three times (a healthy price), then once a second. */
    private void startOracle() throws InterruptedException {
        String oracleKey = http.require(
                        201, "POST", "/api/v1/admin/keys", adminKey, "{\"role\":\"ORACLE\",\"source\":\"bench-feed\"}")
                .text("apiKey");
        for (int i = 0; i < 3; i++) {
            postPrice(oracleKey);
        }
        oracle = Thread.ofPlatform().daemon().name("bench-oracle").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                postPrice(oracleKey);
            }
        });
    }

    private void postPrice(String oracleKey) {
        http.post("/api/v1/oracle/prices", oracleKey, """
                {"prices":[{"market":"%s","price":"%s","source":"bench-feed","timestamp":%d}]}
                """.formatted(market, MARK, System.currentTimeMillis()));
    }

    /** Creates {@code count} accounts, each with its trader key and a deposit of {@code amount}. */
    List<Trader> traders(int count, String amount) {
        List<Trader> traders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BenchHttp.Reply created = http.require(
                    201, "POST", "/api/v1/admin/accounts", adminKey, "{\"name\":\"bench-" + market + "-" + i + "\"}");
            Trader trader = new Trader(created.text("accountId"), created.text("apiKey"));
            http.require(
                    201,
                    "POST",
                    "/api/v1/admin/accounts/" + trader.accountId() + "/deposits",
                    adminKey,
                    "{\"amount\":\"" + amount + "\",\"reference\":\"bench-" + market + "-" + i + "\"}");
            traders.add(trader);
        }
        return traders;
    }

    @Override
    public void close() {
        if (oracle != null) {
            oracle.interrupt();
        }
    }
}
