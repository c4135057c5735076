package io.bulwark.fault;

import io.bulwark.web.ApiClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Deposits sent to one instance without pause, so that requests are in flight when it is frozen: once
 * resumed after a takeover, that old writer must answer them with an error, never journal them.
 */
final class DepositTraffic implements AutoCloseable {
    private final ConcurrentLinkedQueue<String> acknowledged;
    private final AtomicLong refused = new AtomicLong();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    DepositTraffic(
            ApiClient api,
            String adminKey,
            String accountId,
            String prefix,
            int senders,
            ConcurrentLinkedQueue<String> acknowledged) {
        this.acknowledged = acknowledged;
        for (int s = 0; s < senders; s++) {
            String sender = prefix + "-" + s;
            threads.add(Thread.ofPlatform().daemon().start(() -> send(api, adminKey, accountId, sender)));
        }
    }

    private void send(ApiClient api, String adminKey, String accountId, String sender) {
        for (long n = 0; running; n++) {
            String reference = sender + "-" + n;
            try {
                ApiClient.Response r = api.post(
                        "/api/v1/admin/accounts/" + accountId + "/deposits",
                        adminKey,
                        "{\"amount\":\"1\",\"reference\":\"" + reference + "\"}");
                if (r.status() == 201) {
                    acknowledged.add(reference);
                } else {
                    refused.incrementAndGet();
                }
            } catch (RuntimeException e) {
                refused.incrementAndGet();
                FaultRun.sleep(Duration.ofMillis(50));
            }
        }
    }

    /** Requests answered with an error or not at all. */
    long refused() {
        return refused.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(Duration.ofSeconds(45));
        }
    }
}
