package io.bulwark.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.testsupport.AppInstances;
import io.bulwark.testsupport.Exchange;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * SPEC section 10 (v2), with whole instances on a database of their own: an armed switch is engine state, so
 * a restart keeps its deadline to the millisecond, and a switch whose deadline passes around the restart
 * cancels its account's orders with DEAD_MAN_SWITCH all the same; recovery verifies the replayed hash.
 */
class DeadMansSwitchRestartTests {
    private static final String ADMIN_KEY = "bwk_dead_man_switch_admin_key_000000000000000000";
    private static final String PATH = "/api/v1/orders/cancel-after";
    private final AppInstances instances = new AppInstances(ADMIN_KEY);
    private ConfigurableApplicationContext current;

    @AfterEach
    void stopAll() {
        instances.close();
    }

    private Exchange start(String name) {
        current = instances.start(name);
        AppInstances.awaitWriter(current);
        return instances.exchange(current, "DM-USD-PERP");
    }

    @Test
    void aRestartKeepsTheDeadlineAndASwitchDueAroundItStillFires() {
        Exchange first = start("first");
        first.createMarket();
        String alice = first.trader("alice", "100000");
        String bob = first.trader("bob", "100000");
        String alices = first.limit(alice, "BUY", "1", "64000");
        String bobs = first.limit(bob, "BUY", "1", "63000");
        long deadline = first.api()
                .post(PATH, alice, "{\"seconds\":600}")
                .assertStatus(200)
                .json()
                .path("deadlineEpochMillis")
                .asLong();
        first.api().post(PATH, bob, "{\"seconds\":2}").assertStatus(200);

        instances.stop(current);
        Exchange second = start("second");

        assertThat(second.status().path("recovery").path("verified").asBoolean())
                .isTrue();
        assertThat(second.api()
                        .get(PATH, alice)
                        .json()
                        .path("deadlineEpochMillis")
                        .asLong())
                .isEqualTo(deadline);
        assertThat(second.order(alice, alices).path("status").asString()).isEqualTo("OPEN");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "CANCELLED"
                        .equals(second.order(bob, bobs).path("status").asString()));
        assertThat(second.order(bob, bobs).path("cancelReason").asString()).isEqualTo("DEAD_MAN_SWITCH");
    }
}
