package io.bulwark.fault;

import io.bulwark.web.ApiClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * W3-like order flow: client threads place limit orders, each with its own {@code clientOrderId}, and
 * retry a failed attempt (no answer, 5xx, 429) with the SAME body and {@code clientOrderId} until it is
 * answered, as SPEC section 4 says a client may. Every 201/200 is an acknowledgement the exchange must
 * keep through any crash.
 */
final class OrderLoad implements AutoCloseable {
    /** An order the client saw acknowledged. */
    record Ack(String accountId, String clientOrderId, String orderId, int status) {}

    record Trader(String accountId, String apiKey) {}

    private final ConcurrentLinkedQueue<Ack> acks = new ConcurrentLinkedQueue<>();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong retriedOrders = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;
    private final String market;

    OrderLoad(ApiClient api, List<Trader> traders, String market, int clients) {
        this.market = market;
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads.add(Thread.ofPlatform()
                    .daemon()
                    .name("fault-client-" + c)
                    .start(() -> placeOrders(api, traders.get(client % traders.size()), market, client)));
        }
    }

    private void placeOrders(ApiClient api, Trader trader, String market, int client) {
        Random random = new Random(client);
        for (long n = 0; running; n++) {
            String clientOrderId = "f" + client + "-" + n;
            String body = """
                    {"market":"%s","side":"%s","type":"LIMIT","size":"0.001","price":"%d","clientOrderId":"%s"}""".formatted(
                            market, random.nextBoolean() ? "BUY" : "SELL", 64_900 + random.nextInt(201), clientOrderId);
            place(api, trader, body, clientOrderId);
        }
    }

    private void place(ApiClient api, Trader trader, String body, String clientOrderId) {
        for (int attempt = 0; running; attempt++) {
            ApiClient.Response response;
            try {
                response = api.post("/api/v1/orders", trader.apiKey(), body);
            } catch (RuntimeException e) {
                response = null; // no answer: the order may or may not exist, so retry the same request
            }
            if (response != null && (response.status() == 201 || response.status() == 200)) {
                acks.add(new Ack(trader.accountId(), clientOrderId, response.text("orderId"), response.status()));
                if (attempt > 0) {
                    retriedOrders.incrementAndGet();
                }
                return;
            }
            if (response != null && response.status() == 409 && "TOO_MANY_OPEN_ORDERS".equals(response.text("code"))) {
                // a definite refusal: the trader is at maxOpenOrders in the market, so it clears its book
                refused.incrementAndGet();
                cancelAll(api, trader);
                return;
            }
            if (response != null && response.status() == 409) {
                violations.add("same body, same clientOrderId " + clientOrderId + " answered " + response.body());
                return;
            }
            if (response != null && response.status() < 500 && response.status() != 429) {
                refused.incrementAndGet(); // a definite answer: the order was refused
                return;
            }
            retries.incrementAndGet();
            FaultRun.sleep(Duration.ofMillis(100));
        }
    }

    private void cancelAll(ApiClient api, Trader trader) {
        try {
            api.delete("/api/v1/orders?market=" + market, trader.apiKey());
        } catch (RuntimeException e) {
            // down or restarting: the next refusal tries again
        }
    }

    List<Ack> acknowledged() {
        return List.copyOf(acks);
    }

    long retries() {
        return retries.get();
    }

    long retriedOrders() {
        return retriedOrders.get();
    }

    long refused() {
        return refused.get();
    }

    List<String> violations() {
        return List.copyOf(violations);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(40));
        }
    }
}
