package io.bulwark.fault;

import io.bulwark.web.ApiClient;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Order churn through REST for the soak run: one client thread per trader, each round placing a resting
 * limit order near the mark and an IOC that crosses the others' (both with their own clientOrderId), and
 * cancelling its oldest resting order once it has {@link #RESTING} of them, so the live orders stay few
 * while every order ever placed is new. Paced to {@code ordersPerSecond} over all threads.
 */
final class OrderChurn implements AutoCloseable {
    /** Resting orders a trader keeps before it cancels its oldest. */
    static final int RESTING = 20;

    record Trader(String accountId, String apiKey) {}

    /** An order the churn placed: its request, so it can be sent again, and when it was acknowledged. */
    record Placed(Trader trader, String body, String clientOrderId, String orderId, long acknowledgedAt) {}

    private final ApiClient api;
    private final String market;
    private final long nanosPerRound;
    private final AtomicLong placed = new AtomicLong();
    private final AtomicLong cancels = new AtomicLong();
    private final Map<String, AtomicLong> answers = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Placed> first = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile Placed latest;
    private volatile boolean running = true;
    private volatile boolean paused;

    OrderChurn(ApiClient api, List<Trader> traders, String market, int ordersPerSecond) {
        this.api = api;
        this.market = market;
        // Each round places two orders; the threads share the rate.
        this.nanosPerRound = Duration.ofSeconds(1).toNanos() * 2 * traders.size() / Math.max(1, ordersPerSecond);
        for (int t = 0; t < traders.size(); t++) {
            int index = t;
            threads.add(Thread.ofPlatform()
                    .daemon()
                    .name("soak-client-" + t)
                    .start(() -> churn(traders.get(index), index)));
        }
    }

    private void churn(Trader trader, int index) {
        ArrayDeque<String> resting = new ArrayDeque<>();
        long next = System.nanoTime();
        for (long n = 0; running; n++) {
            while (paused && running) {
                FaultRun.sleep(Duration.ofMillis(50));
                next = System.nanoTime();
            }
            boolean buy = (n + index) % 2 == 0;
            int offset = 1 + (int) (n % 10);
            String rest = place(
                    trader, "r-" + index + "-" + n, buy ? "BUY" : "SELL", "GTC", 65_000 + (buy ? -offset : offset));
            if (rest != null) {
                resting.addLast(rest);
            }
            place(trader, "i-" + index + "-" + n, buy ? "SELL" : "BUY", "IOC", 65_000 + (buy ? -20 : 20));
            while (resting.size() > RESTING) {
                cancel(trader, resting.pollFirst());
            }
            // A steady pace, never a burst to catch up: the state held within the retention follows the rate.
            next = Math.max(next + nanosPerRound, System.nanoTime());
            long wait = next - System.nanoTime();
            if (wait > 0) {
                FaultRun.sleep(Duration.ofNanos(wait));
            }
        }
    }

    /** Places one order; its id when it rests (201 and OPEN), else null. */
    private String place(Trader trader, String clientOrderId, String side, String tif, int price) {
        String body = """
                {"market":"%s","side":"%s","type":"LIMIT","timeInForce":"%s","size":"0.001","price":"%d","clientOrderId":"%s"}""".formatted(market, side, tif, price, clientOrderId);
        ApiClient.Response response;
        try {
            response = api.post("/api/v1/orders", trader.apiKey(), body);
        } catch (RuntimeException e) {
            failures.add("no answer to " + clientOrderId + ": " + e);
            return null;
        }
        count(response);
        if (response.status() != 201) {
            if (response.status() >= 500) {
                failures.add(clientOrderId + " answered " + response.status() + " " + response.body());
            }
            return null;
        }
        placed.incrementAndGet();
        Placed order = new Placed(trader, body, clientOrderId, response.text("orderId"), System.nanoTime());
        if (first.size() < 50) {
            first.add(order);
        }
        latest = order;
        return "OPEN".equals(response.text("status")) || "PARTIALLY_FILLED".equals(response.text("status"))
                ? order.orderId()
                : null;
    }

    private void cancel(Trader trader, String orderId) {
        try {
            ApiClient.Response response = api.delete("/api/v1/orders/" + orderId, trader.apiKey());
            count(response);
            if (response.status() == 200) {
                cancels.incrementAndGet();
            } else if (response.status() >= 500) {
                failures.add("cancel " + orderId + " answered " + response.status() + " " + response.body());
            }
        } catch (RuntimeException e) {
            failures.add("no answer to cancel " + orderId + ": " + e);
        }
    }

    private void count(ApiClient.Response response) {
        String code = response.status() < 300
                ? ""
                : " " + response.json().path("code").asString();
        answers.computeIfAbsent(response.status() + code, k -> new AtomicLong()).incrementAndGet();
    }

    /** Stops placing (the threads finish the round they are in) until {@link #resume()}. */
    void pause() {
        paused = true;
        FaultRun.sleep(Duration.ofSeconds(1));
    }

    void resume() {
        paused = false;
    }

    long placed() {
        return placed.get();
    }

    long cancels() {
        return cancels.get();
    }

    /** Answers by status (and code for errors), e.g. {@code 201=5012, 404 ORDER_NOT_FOUND=3}. */
    Map<String, Long> answers() {
        Map<String, Long> out = new java.util.TreeMap<>();
        answers.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    /** Orders among the first ones placed (ended long ago: the churn cancels or fills them quickly). */
    List<Placed> earliest() {
        return List.copyOf(first);
    }

    Placed latest() {
        return latest;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(30));
        }
    }
}
