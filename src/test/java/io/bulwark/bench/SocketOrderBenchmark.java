package io.bulwark.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * W6 WebSocket order entry: the W3 ratio's matching workload ({@code ops/bench/w3-ratio.lua}: LIMIT GTC orders
 * of one size at one price, account A always buying and account B always selling, so every order trades) sent as
 * {@code order.place} ops over {@code /ws/v1} instead of {@code POST /api/v1/orders}. Each connection
 * authenticates as one trader and keeps {@code depth} orders in flight: 1 is a closed loop, as wrk's; more
 * pipelines them (the server runs a session's ops one at a time and takes at most 64 waiting or running). Prints
 * orders answered per second over the measured window, the latency of each order from its send to its
 * {@code result} (which the server sends after the journal commit), and every answer that is not an accepted
 * order (status 201) as an error.
 *
 * <pre>
 * java -cp target/test-classes io.bulwark.bench.SocketOrderBenchmark \
 *     ws://127.0.0.1:18080/ws/v1 MARKET PRICE SIZE SECONDS CONNECTIONS DEPTH WARMUP KEY_A KEY_B [KEY_C KEY_D ...]
 * </pre>
 *
 * Keys come in pairs, the first of each pair buying and the second selling; connection {@code i} uses key {@code i
 * mod keys}, so the connections must be a multiple of the keys. Only JDK classes: it runs from the compiled test
 * classes without Maven. {@code ops/bench/run-w6.sh} (alone) and {@code ops/bench/run-w3-ratio.sh} with {@code
 * W6=1} (after W3, on the same server start) create the market, the price feed and the accounts and run this.
 */
public final class SocketOrderBenchmark {
    private static final int CONNECTIONS_PER_CLIENT = 32;
    private static final int MAX_DEPTH = 64;

    private SocketOrderBenchmark() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 10 || (args.length - 8) % 2 != 0) {
            System.err.println("usage: SocketOrderBenchmark WS_URL MARKET PRICE SIZE SECONDS CONNECTIONS DEPTH WARMUP"
                    + " KEY_A KEY_B [KEY_C KEY_D ...]");
            System.exit(2);
        }
        String wsUrl = args[0];
        String market = args[1];
        String price = args[2];
        String size = args[3];
        int seconds = Integer.parseInt(args[4]);
        int connections = Integer.parseInt(args[5]);
        int depth = Integer.parseInt(args[6]);
        int warmup = Integer.parseInt(args[7]);
        List<String> keys = List.of(args).subList(8, args.length);
        if (connections % keys.size() != 0) {
            throw new IllegalArgumentException(
                    connections + " connections do not divide among " + keys.size() + " keys");
        }
        if (depth < 1 || depth > MAX_DEPTH) {
            throw new IllegalArgumentException("depth must be 1 to " + MAX_DEPTH + " (the server's limit per session)");
        }
        List<OrderConnection> clients = connect(wsUrl, market, price, size, connections, depth, keys);
        clients.forEach(OrderConnection::start);
        Thread.sleep(warmup * 1000L);
        clients.forEach(c -> c.measure(true));
        long started = System.nanoTime();
        long cpuStarted = cpuNanos();
        Thread.sleep(seconds * 1000L);
        clients.forEach(c -> c.measure(false));
        double elapsed = (System.nanoTime() - started) / 1e9;
        double clientCpu = (cpuNanos() - cpuStarted) / 1e9 / elapsed;
        CountDownLatch drained = new CountDownLatch(clients.size());
        clients.forEach(c -> c.stop(drained));
        boolean allDrained = drained.await(30, TimeUnit.SECONDS);
        report(clients, connections, depth, keys.size(), elapsed, clientCpu, allDrained);
        clients.forEach(OrderConnection::close);
        System.exit(0);
    }

    /** The CPU time of this process so far (all threads), to tell what the generator took from the shared cores. */
    private static long cpuNanos() {
        return ProcessHandle.current()
                .info()
                .totalCpuDuration()
                .map(Duration::toNanos)
                .orElse(0L);
    }

    private static List<OrderConnection> connect(
            String wsUrl, String market, String price, String size, int connections, int depth, List<String> keys)
            throws InterruptedException {
        CountDownLatch authenticated = new CountDownLatch(connections);
        List<OrderConnection> clients = new ArrayList<>();
        HttpClient http = null;
        for (int i = 0; i < connections; i++) {
            if (i % CONNECTIONS_PER_CLIENT == 0) {
                http = HttpClient.newHttpClient();
            }
            String side = i % keys.size() % 2 == 0 ? "BUY" : "SELL";
            String order =
                    "{\"market\":\"%s\",\"side\":\"%s\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"size\":\"%s\",\"price\":\"%s\"}"
                            .formatted(market, side, size, price);
            OrderConnection client = new OrderConnection(keys.get(i % keys.size()), order, depth, authenticated);
            clients.add(client);
            client.open(http, URI.create(wsUrl)).join();
        }
        if (!authenticated.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(authenticated.getCount() + " connections not authenticated after 60 s");
        }
        List<String> refused = clients.stream()
                .map(OrderConnection::authRefusal)
                .filter(r -> r != null)
                .toList();
        if (!refused.isEmpty()) {
            throw new IllegalStateException("auth refused: " + refused.getFirst());
        }
        return clients;
    }

    private static void report(
            List<OrderConnection> clients,
            int connections,
            int depth,
            int keys,
            double elapsed,
            double clientCpu,
            boolean drained) {
        long answered = clients.stream().mapToLong(OrderConnection::answered).sum();
        long filled = clients.stream().mapToLong(OrderConnection::filled).sum();
        long resting = clients.stream().mapToLong(OrderConnection::resting).sum();
        Map<String, Long> errors = new TreeMap<>();
        clients.forEach(c -> c.errors().forEach((k, v) -> errors.merge(k, v, Long::sum)));
        clients.stream()
                .map(OrderConnection::closed)
                .filter(c -> c != null)
                .forEach(c -> errors.merge("disconnect " + c, 1L, Long::sum));
        long errorCount = errors.values().stream().mapToLong(Long::longValue).sum();
        Latencies latency =
                Latencies.merge(clients.stream().map(OrderConnection::latency).toList());
        System.out.printf(
                "W6 WebSocket order entry: %d connections (%d accounts), depth %d, %.1f s measured%n",
                connections, keys, depth, elapsed);
        System.out.printf(
                "  %,.0f orders/s (%,d accepted: %,d filled on arrival, %,d rested until the other side's next order)%n",
                answered / elapsed, answered, filled, resting);
        System.out.printf("  latency send -> result: %s%n", latency.summary());
        System.out.printf("  errors: %d%s%n", errorCount, errors.isEmpty() ? "" : " " + errors);
        System.out.printf("  this generator's CPU over the measured run: %.0f %% of one core%n", 100 * clientCpu);
        if (!drained) {
            System.out.println("  (some orders were still unanswered 30 s after the run)");
        }
        System.out.printf(
                "W6_RESULT orders_per_second=%.1f p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f errors=%d%n",
                answered / elapsed, latency.millis(0.50), latency.millis(0.99), latency.millis(0.999), errorCount);
    }
}
