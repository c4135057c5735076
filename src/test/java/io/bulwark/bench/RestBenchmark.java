package io.bulwark.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * W3 REST: places and cancels orders over HTTP against a running Bulwark, one connection per trader.
 * First a closed-loop run (each connection sends as soon as it is answered: the maximum), then open-loop
 * runs at fixed fractions of that maximum with latency measured from each request's intended send time
 * (corrected for coordinated omission). Every 2xx means the order or cancel is journaled.
 *
 * <pre>
 * ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.bulwark.bench.RestBenchmark \
 *     -Dexec.args="http://localhost:8080 ADMIN_KEY 64 120 25,50,75"
 * </pre>
 *
 * Arguments: base URL, admin key, connections (64), seconds per run (120), open-loop percentages of the
 * closed-loop maximum (25,50,75; "none" skips them). The server must have rate limiting off or raised
 * ({@code BULWARK_RATE_LIMIT_ENABLED=false}): each connection sends far more than a person would.
 * {@code ops/bench/run-w3.sh} starts a server on a fresh database and runs this.
 */
public final class RestBenchmark {
    private static final int WARM_UP_SECONDS = 5;

    private RestBenchmark() {}

    public static void main(String[] args) throws Exception {
        String baseUrl = args[0];
        String adminKey = args[1];
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 120;
        String percentages = args.length > 4 ? args[4] : "25,50,75";
        try (BenchExchange exchange = BenchExchange.open(baseUrl, adminKey)) {
            OrderLoad load = load(exchange, connections);
            System.out.printf(
                    "W3 REST against %s, market %s, %d connections%n", baseUrl, exchange.market(), connections);
            System.out.println(load.closedLoop(WARM_UP_SECONDS).report("warm-up (closed loop)"));
            OrderLoad.Result max = load.closedLoop(seconds);
            System.out.println(max.report("W3 closed loop (maximum)"));
            if (!percentages.equals("none")) {
                for (int percent : Arrays.stream(percentages.split(","))
                        .mapToInt(Integer::parseInt)
                        .toArray()) {
                    double rate = max.perSecond() * percent / 100;
                    OrderLoad.Result open = load.openLoop(seconds, rate);
                    System.out.println(open.report(String.format(
                            "W3 open loop at %d%% (%,.0f/s scheduled; latency from intended send time)",
                            percent, rate)));
                }
            }
        }
        // the HTTP clients' selector threads are not daemons
        System.exit(0);
    }

    /** One funded trader and one connection per flow. */
    static OrderLoad load(BenchExchange exchange, int connections) {
        List<OrderFlow> flows = new ArrayList<>();
        List<BenchExchange.Trader> traders = exchange.traders(connections, "1000000");
        for (int i = 0; i < traders.size(); i++) {
            flows.add(new OrderFlow(traders.get(i), exchange.market(), 31L * i + 7));
        }
        return new OrderLoad(exchange.baseUrl(), flows);
    }
}
