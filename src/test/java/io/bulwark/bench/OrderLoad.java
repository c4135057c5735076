package io.bulwark.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives one {@link OrderFlow} per connection, each on its own virtual thread, over HTTP. Closed loop:
 * each connection sends its next request as soon as the previous one is answered (the maximum). Open
 * loop: each connection sends on a fixed schedule, and a request's latency is measured from the time it
 * was meant to be sent, so a stalled server is charged for every request it delayed (no coordinated
 * omission).
 */
final class OrderLoad {
    /**
     * A cancel of an order that an IOC order of another trader filled after it rested: the answer the API
     * owes (404 {@code ORDER_NOT_FOUND}, no live order), counted apart from errors.
     */
    static final String FILLED_MEANWHILE = "cancel 404 ORDER_NOT_FOUND";

    /** Connections per {@link java.net.http.HttpClient}: spreads the clients' selector threads. */
    private static final int CONNECTIONS_PER_CLIENT = 16;

    private final List<OrderFlow> flows;
    private final List<BenchHttp> clients = new ArrayList<>();

    OrderLoad(String baseUrl, List<OrderFlow> flows) {
        this.flows = flows;
        for (int i = 0; i < flows.size(); i += CONNECTIONS_PER_CLIENT) {
            clients.add(new BenchHttp(baseUrl));
        }
    }

    int connections() {
        return flows.size();
    }

    /** What one run measured. */
    record Result(
            double seconds,
            long requests,
            long places,
            long crosses,
            long cancels,
            Latencies latencies,
            Map<String, Long> outcomes) {

        double perSecond() {
            return requests / seconds;
        }

        /** Answers other than 200/201 (and {@link #FILLED_MEANWHILE}), by status and code. */
        Map<String, Long> errors() {
            Map<String, Long> errors = new TreeMap<>(outcomes);
            errors.remove("200");
            errors.remove("201");
            errors.remove(FILLED_MEANWHILE);
            return errors;
        }

        String report(String label) {
            return String.format(
                    "%s: %,.0f requests/s (%,d in %.1f s: %,d resting places, %,d crossing IOC, %,d cancels); latency %s;"
                            + " cancels of orders filled meanwhile (404) %,d; other non-2xx %s",
                    label,
                    perSecond(),
                    requests,
                    seconds,
                    places,
                    crosses,
                    cancels,
                    latencies.summary(),
                    outcomes.getOrDefault(FILLED_MEANWHILE, 0L),
                    errors().isEmpty() ? "none" : errors());
        }
    }

    Result closedLoop(int seconds) throws InterruptedException {
        return run(seconds, 0);
    }

    /** {@code rate} requests per second in all, spread evenly over the connections. */
    Result openLoop(int seconds, double rate) throws InterruptedException {
        return run(seconds, rate);
    }

    private Result run(int seconds, double rate) throws InterruptedException {
        long started = System.nanoTime();
        long end = started + TimeUnit.SECONDS.toNanos(seconds);
        long interval = rate > 0 ? (long) (1e9 * flows.size() / rate) : 0;
        LongAdder places = new LongAdder();
        LongAdder crosses = new LongAdder();
        LongAdder cancels = new LongAdder();
        Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        List<Latencies> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < flows.size(); c++) {
            OrderFlow flow = flows.get(c);
            BenchHttp http = clients.get(c / CONNECTIONS_PER_CLIENT);
            Latencies mine = new Latencies();
            latencies.add(mine);
            // open loop: stagger the connections' schedules across one interval
            long first = started + (interval * c) / flows.size();
            threads.add(Thread.ofVirtual().start(() -> {
                long intended = first;
                while (true) {
                    long now = System.nanoTime();
                    if (interval > 0) {
                        if (intended >= end) {
                            return;
                        }
                        if (intended > now) {
                            LockSupport.parkNanos(intended - now);
                        }
                    } else if (now >= end) {
                        return;
                    }
                    long from = interval > 0 ? intended : System.nanoTime();
                    OrderFlow.Request request = flow.next();
                    BenchHttp.Reply reply = http.send(request.method(), request.path(), flow.apiKey(), request.body());
                    mine.record(System.nanoTime() - from);
                    flow.answered(request, reply);
                    String outcome = request.kind() == OrderFlow.Kind.CANCEL && reply.status() == 404
                            ? "cancel " + reply.outcome()
                            : reply.outcome();
                    outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
                    switch (request.kind()) {
                        case PLACE -> places.increment();
                        case CROSS -> crosses.increment();
                        case CANCEL -> cancels.increment();
                    }
                    intended += interval;
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        Map<String, Long> counted = new TreeMap<>();
        outcomes.forEach((k, v) -> counted.put(k, v.sum()));
        return new Result(
                elapsed,
                places.sum() + crosses.sum() + cancels.sum(),
                places.sum(),
                crosses.sum(),
                cancels.sum(),
                Latencies.merge(latencies),
                counted);
    }
}
