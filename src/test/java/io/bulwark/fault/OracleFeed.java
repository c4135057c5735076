package io.bulwark.fault;

import io.bulwark.web.ApiClient;
import java.time.Duration;

/**
 * A price source posting a steady price for one market through {@code POST /api/v1/oracle/prices} with an
 * ORACLE key bound to its source ({@link #KEY_REQUEST}), so orders keep a healthy mark across restarts.
 * Failures (the service is down) are ignored: the next post tries again.
 */
final class OracleFeed implements AutoCloseable {
    static final String SOURCE = "fault-feed";
    /** The body of {@code POST /api/v1/admin/keys} that issues the key this feed posts with. */
    static final String KEY_REQUEST = "{\"role\":\"ORACLE\",\"source\":\"" + SOURCE + "\"}";

    private final Thread thread;
    private volatile boolean running = true;

    OracleFeed(ApiClient api, String oracleKey, String market, String price) {
        thread = Thread.ofPlatform().daemon().name("fault-oracle").start(() -> {
            while (running) {
                String body = """
                        {"prices":[{"market":"%s","price":"%s","source":"%s","timestamp":%d}]}""".formatted(market, price, SOURCE, System.currentTimeMillis());
                try {
                    api.post("/api/v1/oracle/prices", oracleKey, body);
                } catch (RuntimeException e) {
                    // down or restarting: post again on the next beat
                }
                try {
                    Thread.sleep(Duration.ofMillis(300));
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
