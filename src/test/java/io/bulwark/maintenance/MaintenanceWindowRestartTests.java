package io.bulwark.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.testsupport.AppInstances;
import io.bulwark.testsupport.Exchange;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * SPEC section 8, with whole instances on a database of their own: at a window's start the exchange
 * closes by itself exactly as an admin's CLOSED would, and a restart keeps the windows (they are engine
 * state, in the snapshot and the journal).
 */
class MaintenanceWindowRestartTests {
    private static final String ADMIN_KEY = "bwk_window_admin_key_00000000000000000000000000";
    private static final String PATH = "/api/v1/admin/maintenance-windows";
    private final AppInstances instances = new AppInstances(ADMIN_KEY);

    @AfterEach
    void stopAll() {
        instances.close();
    }

    private ConfigurableApplicationContext current;

    private Exchange start(String name) {
        ConfigurableApplicationContext app = instances.start(name);
        current = app;
        AppInstances.awaitWriter(app);
        return instances.exchange(app, "MW-USD-PERP");
    }

    private String schedule(Exchange x, Instant start, Instant end, String reason) {
        return x.api()
                .post(PATH, ADMIN_KEY, """
                        {"start":"%s","end":"%s","reason":"%s"}""".formatted(start, end, reason))
                .assertStatus(201)
                .text("windowId");
    }

    private static String statusOf(Exchange x, String windowId) {
        return x.api()
                .get(PATH, ADMIN_KEY)
                .assertStatus(200)
                .json()
                .valueStream()
                .filter(w -> w.path("windowId").asString().equals(windowId))
                .map(w -> w.path("status").asString())
                .findFirst()
                .orElseThrow();
    }

    @Test
    void atItsStartTheExchangeClosesByItselfAndARestartKeepsTheWindows() {
        Exchange first = start("first");
        first.createMarket();
        String oracle = first.oracleKey();
        for (int i = 0; i < 3; i++) {
            first.price(oracle, "65000");
        }
        String alice = first.trader("alice", "100000");
        String bid = first.limit(alice, "BUY", "1", "64000");
        String stop = first.stop(alice, "SELL", "1", "60000");
        Instant later = Instant.now().plus(Duration.ofDays(2));
        String upcoming = schedule(first, later, later.plusSeconds(600), "next month");
        String now = schedule(first, Instant.now().plusSeconds(2), Instant.now().plusSeconds(3600), "db upgrade");

        await().atMost(Duration.ofSeconds(30))
                .until(() -> "CLOSED".equals(first.status().path("state").asString()));
        var status = first.status();
        assertThat(status.path("reason").asString()).isEqualTo("maintenance window " + now + ": db upgrade");
        assertThat(status.path("maintenanceWindows")
                        .valueStream()
                        .map(w -> w.path("windowId").asString() + " "
                                + w.path("status").asString()))
                .containsExactly(upcoming + " SCHEDULED", now + " ACTIVE");
        var cancelled = first.order(alice, bid);
        assertThat(cancelled.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.path("cancelReason").asString()).isEqualTo("MAINTENANCE");
        assertThat(first.order(alice, stop).path("status").asString()).isEqualTo("UNTRIGGERED");
        assertThat(first.api()
                        .get("/api/v1/admin/snapshots", ADMIN_KEY)
                        .json()
                        .valueStream()
                        .map(s -> s.path("reason").asString()))
                .contains("pre-maintenance: maintenance window " + now + ": db upgrade");
        first.api().post("/api/v1/orders", alice, """
                        {"market":"MW-USD-PERP","side":"BUY","type":"LIMIT","size":"1","price":"64000"}""").assertProblem(409, "MARKET_CLOSED");

        instances.stop(current);
        Exchange second = start("second");
        assertThat(statusOf(second, upcoming)).isEqualTo("SCHEDULED");
        assertThat(statusOf(second, now)).isEqualTo("ACTIVE");
        assertThat(second.status().path("state").asString()).isEqualTo("CLOSED");
        assertThat(second.status().path("recovery").path("verified").asBoolean())
                .isTrue();
        assertThat(second.order(alice, stop).path("status").asString()).isEqualTo("UNTRIGGERED");
    }
}
