package io.bulwark.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Anonymous public reads against one trader (issue 12): one trader places a resting order and cancels it,
 * one request at a time, while an anonymous client (no key) floods the public GETs (order book, markets,
 * status) as fast as its connections are answered. The trader's latency is measured in alternating
 * quiet and flooded phases of equal length, so drift on a shared machine hits both alike.
 *
 * <pre>
 * ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.bulwark.bench.PublicReadFloodBenchmark \
 *     -Dexec.args="http://localhost:8080 ADMIN_KEY 20 3 1"
 * </pre>
 *
 * Arguments: base URL, admin key, seconds per phase (20), rounds of quiet + flooded phases (3), flood
 * connections (1), flood rate in requests per second over all its connections (0, the default: as fast
 * as they are answered; otherwise each connection keeps its share of the rate when it can). The server must have rate limiting off ({@code BULWARK_RATE_LIMIT_ENABLED=false}): the
 * flood sends far more than the per-address limit allows. {@code ops/bench/run-flood.sh} starts a server on
 * a fresh database and runs this.
 */
public final class PublicReadFloodBenchmark {
    private static final int WARM_UP_SECONDS = 15;
    /** Resting orders of a second trader, so the book the flood reads has depth. */
    private static final int BOOK_ORDERS = 300;

    private PublicReadFloodBenchmark() {}

    public static void main(String[] args) throws Exception {
        String baseUrl = args[0];
        String adminKey = args[1];
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int floodConnections = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        double floodRate = args.length > 5 ? Double.parseDouble(args[5]) : 0;
        try (BenchExchange exchange = BenchExchange.open(baseUrl, adminKey)) {
            List<BenchExchange.Trader> traders = exchange.traders(2, "1000000");
            fillBook(exchange, traders.get(1));
            Trader trader = new Trader(new BenchHttp(baseUrl), traders.get(0), exchange.market());
            Flood flood = new Flood(baseUrl, exchange.market(), floodConnections, floodRate);
            System.out.printf(
                    "Public read flood against %s, market %s (%d resting orders), %d s phases x %d rounds,"
                            + " %d flood connection(s), flood rate %s%n",
                    baseUrl,
                    exchange.market(),
                    BOOK_ORDERS,
                    seconds,
                    rounds,
                    floodConnections,
                    floodRate > 0 ? floodRate + "/s" : "as fast as answered");
            flood.start();
            trader.run(WARM_UP_SECONDS);
            flood.stop();
            List<Latencies> quiet = new ArrayList<>();
            List<Latencies> flooded = new ArrayList<>();
            long floodRequests = 0;
            for (int round = 0; round < rounds; round++) {
                quiet.add(trader.run(seconds));
                long before = flood.requests();
                flood.start();
                flooded.add(trader.run(seconds));
                flood.stop();
                floodRequests += flood.requests() - before;
            }
            Latencies alone = Latencies.merge(quiet);
            Latencies underFlood = Latencies.merge(flooded);
            System.out.println("trader alone:        " + alone.summary());
            System.out.println("trader under flood:  " + underFlood.summary());
            System.out.printf(
                    "flood: %,.0f public GETs/s (%,d requests, %d non-200)%n",
                    floodRequests / (double) (seconds * rounds), floodRequests, flood.failures());
            System.out.printf(
                    "ratio flooded / alone: p50 %.2f, p99 %.2f%n",
                    underFlood.millis(0.50) / alone.millis(0.50), underFlood.millis(0.99) / alone.millis(0.99));
            System.out.println("trader errors: " + trader.errors);
        }
        // the HTTP clients' selector threads are not daemons
        System.exit(0);
    }

    /** A second trader's resting orders, 10 USD or more away from the mark on both sides. */
    private static void fillBook(BenchExchange exchange, BenchExchange.Trader maker) {
        BenchHttp http = new BenchHttp(exchange.baseUrl());
        for (int i = 0; i < BOOK_ORDERS; i++) {
            boolean buy = i % 2 == 0;
            long offsetTenths = 100 + 7L * i;
            String price = buy
                    ? String.format("%d.%d", 64_990 - offsetTenths / 10, 9 - offsetTenths % 10)
                    : String.format("%d.%d", 65_010 + offsetTenths / 10, offsetTenths % 10);
            http.require(201, "POST", "/api/v1/orders", maker.apiKey(), order(exchange.market(), buy, price));
        }
    }

    private static String order(String market, boolean buy, String price) {
        return """
                {"market":"%s","side":"%s","type":"LIMIT","timeInForce":"GTC","size":"0.001","price":"%s"}""".formatted(market, buy ? "BUY" : "SELL", price);
    }

    /** Places a resting buy 50 USD below the mark and cancels it, one request at a time. */
    private static final class Trader {
        private final BenchHttp http;
        private final BenchExchange.Trader trader;
        private final String market;
        long errors;

        Trader(BenchHttp http, BenchExchange.Trader trader, String market) {
            this.http = http;
            this.trader = trader;
            this.market = market;
        }

        Latencies run(int seconds) {
            Latencies latencies = new Latencies();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < end) {
                long started = System.nanoTime();
                BenchHttp.Reply placed = http.post("/api/v1/orders", trader.apiKey(), order(market, true, "64950.0"));
                latencies.record(System.nanoTime() - started);
                if (placed.status() != 201) {
                    errors++;
                    continue;
                }
                started = System.nanoTime();
                BenchHttp.Reply cancelled =
                        http.send("DELETE", "/api/v1/orders/" + placed.text("orderId"), trader.apiKey(), null);
                latencies.record(System.nanoTime() - started);
                if (cancelled.status() != 200) {
                    errors++;
                }
            }
            return latencies;
        }
    }

    /** Anonymous GETs of the order book, the markets and the status, in turn, on each connection. */
    private static final class Flood {
        private final String baseUrl;
        private final List<String> paths;
        private final int connections;
        /** Nanoseconds between two requests of one connection; 0: none. */
        private final long intervalNanos;

        private final AtomicLong requests = new AtomicLong();
        private final AtomicLong failures = new AtomicLong();
        private final List<Thread> threads = new ArrayList<>();
        private volatile AtomicBoolean running = new AtomicBoolean();

        Flood(String baseUrl, String market, int connections, double rate) {
            this.baseUrl = baseUrl;
            this.connections = connections;
            this.intervalNanos = rate > 0 ? (long) (1e9 * connections / rate) : 0;
            this.paths =
                    List.of("/api/v1/markets/" + market + "/orderbook", "/api/v1/markets", "/api/v1/system/status");
        }

        void start() {
            AtomicBoolean on = new AtomicBoolean(true);
            running = on;
            for (int c = 0; c < connections; c++) {
                BenchHttp http = new BenchHttp(baseUrl);
                threads.add(Thread.ofPlatform().daemon().name("flood-" + c).start(() -> {
                    long next = System.nanoTime();
                    for (int i = 0; on.get(); i++) {
                        if (intervalNanos > 0) {
                            next += intervalNanos;
                            long wait = next - System.nanoTime();
                            if (wait > 0) {
                                java.util.concurrent.locks.LockSupport.parkNanos(wait);
                            }
                        }
                        BenchHttp.Reply reply = http.get(paths.get(i % paths.size()), null);
                        requests.incrementAndGet();
                        if (reply.status() != 200) {
                            failures.incrementAndGet();
                        }
                    }
                }));
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join();
            }
            threads.clear();
        }

        long requests() {
            return requests.get();
        }

        long failures() {
            return failures.get();
        }
    }
}
