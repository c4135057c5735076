package io.bulwark.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.web.ApiClient;
import io.bulwark.web.HttpApiTestBase;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/system/time}: public, the server's clock and the engine's. */
class SystemTimeTests extends HttpApiTestBase {

    @Test
    void answersTheServerTimeAndTheEngineTimeWithoutAKey() {
        long before = System.currentTimeMillis();
        ApiClient.Response time = api.get("/api/v1/system/time", null).assertStatus(200);
        long after = System.currentTimeMillis();

        long epochMillis = time.get("epochMillis").asLong();
        assertThat(epochMillis).isBetween(before, after);
        assertThat(Instant.parse(time.text("time")).toEpochMilli()).isEqualTo(epochMillis);
        // The writer has committed its start-up commands: the engine has a time, no later than the server's.
        long engineMillis = time.get("engineEpochMillis").asLong();
        assertThat(engineMillis).isPositive().isLessThanOrEqualTo(after);
        assertThat(Instant.parse(time.text("engineTime")).toEpochMilli()).isEqualTo(engineMillis);
    }
}
