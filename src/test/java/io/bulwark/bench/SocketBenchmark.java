package io.bulwark.bench;

import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * W4 WebSocket: subscribers to one market's {@code orderbook} and {@code trades} channels while the W3
 * order flow runs open loop at half its maximum. Prints messages delivered per second (all subscribers
 * together), the lag from each message's engine time to its arrival, sequence gaps, disconnects, and how
 * far the REST flow fell short of its schedule.
 *
 * <pre>
 * ./mvnw -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=io.bulwark.bench.SocketBenchmark \
 *     -Dexec.args="http://localhost:8080 ADMIN_KEY 1000 120 auto"
 * </pre>
 *
 * Arguments: base URL, admin key, subscribers (1000), seconds (120), REST requests per second ("auto": a
 * 10 s closed-loop probe with 64 connections before the subscribers connect, halved). The server must have
 * rate limiting off or raised. {@code ops/bench/run-w4.sh} starts a server on a fresh database and runs this.
 */
public final class SocketBenchmark {
    private static final int CONNECTIONS = 64;
    private static final int PROBE_SECONDS = 10;
    private static final int SOCKETS_PER_CLIENT = 100;

    private SocketBenchmark() {}

    public static void main(String[] args) throws Exception {
        String baseUrl = args[0];
        String adminKey = args[1];
        int subscribers = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 120;
        String rateArg = args.length > 4 ? args[4] : "auto";
        try (BenchExchange exchange = BenchExchange.open(baseUrl, adminKey)) {
            OrderLoad load = RestBenchmark.load(exchange, CONNECTIONS);
            double rate;
            if (rateArg.equals("auto")) {
                OrderLoad.Result probe = load.closedLoop(PROBE_SECONDS);
                System.out.println(probe.report("REST maximum probe (closed loop, no subscribers)"));
                rate = probe.perSecond() / 2;
            } else {
                rate = Double.parseDouble(rateArg);
            }
            List<MarketSubscriber> clients = connect(exchange, subscribers);
            clients.forEach(s -> s.measure(true));
            OrderLoad.Result rest = load.openLoop(seconds, rate);
            clients.forEach(s -> s.measure(false));
            Thread.sleep(500);
            report(subscribers, rate, rest, clients);
        }
        System.exit(0);
    }

    private static List<MarketSubscriber> connect(BenchExchange exchange, int subscribers) throws InterruptedException {
        String wsUrl = exchange.baseUrl().replaceFirst("^http", "ws") + "/ws/v1";
        CountDownLatch subscribed = new CountDownLatch(2 * subscribers);
        List<MarketSubscriber> clients = new ArrayList<>();
        List<WebSocket> sockets = new ArrayList<>();
        HttpClient http = null;
        for (int i = 0; i < subscribers; i++) {
            if (i % SOCKETS_PER_CLIENT == 0) {
                http = HttpClient.newHttpClient();
            }
            MarketSubscriber subscriber = new MarketSubscriber(exchange.market(), subscribed);
            clients.add(subscriber);
            sockets.add(MarketSubscriber.connect(http, wsUrl, subscriber).join());
        }
        if (!subscribed.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException(subscribed.getCount() + " subscriptions unanswered after 60 s");
        }
        System.out.printf(
                "%d subscribers connected, each on orderbook and trades of %s (%d sockets)%n",
                subscribers, exchange.market(), sockets.size());
        return clients;
    }

    private static void report(int subscribers, double rate, OrderLoad.Result rest, List<MarketSubscriber> clients) {
        long messages = clients.stream().mapToLong(MarketSubscriber::messages).sum();
        long gaps = clients.stream().mapToLong(MarketSubscriber::gaps).sum();
        Map<String, Long> closes = new TreeMap<>();
        clients.stream()
                .map(MarketSubscriber::closed)
                .filter(c -> c != null)
                .forEach(c -> closes.merge(c, 1L, Long::sum));
        Latencies lag =
                Latencies.merge(clients.stream().map(MarketSubscriber::lag).toList());
        System.out.println(rest.report(String.format("REST open loop at %,.0f/s scheduled, with subscribers", rate)));
        System.out.printf(
                "W4 WebSocket: %d subscribers, %,.0f messages/s delivered (%,d in %.1f s); lag from engine time %s;"
                        + " sequence gaps %d; disconnects %s; REST shortfall %.1f%% of schedule%n",
                subscribers,
                messages / rest.seconds(),
                messages,
                rest.seconds(),
                lag.summary(),
                gaps,
                closes.isEmpty() ? "none" : closes,
                Math.max(0, 100 * (1 - rest.perSecond() / rate)));
    }
}
