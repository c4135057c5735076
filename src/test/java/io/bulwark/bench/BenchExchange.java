package io.bulwark.bench;

import io.bulwark.testsupport.Exchange;
import io.bulwark.web.ApiClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a load generator needs on a running Bulwark, made through the public API as an operator would:
 * its own market, an ORACLE key feeding it a steady price once a second, and funded traders.
 */
final class BenchExchange implements AutoCloseable {
    /** The oracle price of the benchmark market; orders are placed around it. */
    static final String MARK = "65000";

    private final BenchHttp http;
    private final Exchange exchange;
    private Thread oracle;

    record Trader(String accountId, String apiKey) {}

    private BenchExchange(BenchHttp http, Exchange exchange) {
        this.http = http;
        this.exchange = exchange;
    }

    /** Waits for the writer, lists a new market and starts feeding it {@link #MARK}. */
    static BenchExchange open(String baseUrl, String adminKey) throws InterruptedException {
        ApiClient api = new ApiClient(baseUrl);
        api.awaitWriter(Duration.ofSeconds(120));
        String market = "BENCH" + (System.currentTimeMillis() % 1_000_000) + "-USD-PERP";
        Exchange exchange = Exchange.at(api, adminKey).forMarket(market);
        exchange.createMarket();
        BenchExchange bench = new BenchExchange(new BenchHttp(baseUrl), exchange);
        bench.startOracle();
        return bench;
    }

    String market() {
        return exchange.market();
    }

    String baseUrl() {
        return http.baseUrl();
    }

    /** An ORACLE key posts {@link #MARK} three times (a healthy price), then once a second. */
    private void startOracle() throws InterruptedException {
        String oracleKey = exchange.oracleKey("bench-feed");
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
        http.post(
                "/api/v1/oracle/prices", oracleKey, """
                {"prices":[{"market":"%s","price":"%s","source":"bench-feed","timestamp":%d}]}
                """.formatted(exchange.market(), MARK, System.currentTimeMillis()));
    }

    /** Creates {@code count} accounts, each with its trader key and a deposit of {@code amount}. */
    List<Trader> traders(int count, String amount) {
        List<Trader> traders = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = "bench-" + exchange.market() + "-" + i;
            Exchange.Account account = exchange.fundedAccount(name, amount, name);
            traders.add(new Trader(account.accountId(), account.apiKey()));
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
