package io.bulwark.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.BulwarkApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/** A second instance on the same database is a standby: it says so, and serves nothing else. */
class StandbyGuardTests extends HttpApiTestBase {

    @Autowired
    Environment env;

    @Test
    void aSecondInstanceAnswersOnlyStatusAndHealth() {
        try (ConfigurableApplicationContext standby = new SpringApplicationBuilder(BulwarkApplication.class)
                // Command-line arguments: they outrank application.yml (server.port 8080), default properties do not.
                .run(
                        "--spring.datasource.url=" + env.getProperty("spring.datasource.url"),
                        "--spring.datasource.username=" + env.getProperty("spring.datasource.username"),
                        "--spring.datasource.password=" + env.getProperty("spring.datasource.password", ""),
                        "--bulwark.embedded-db.enabled=false",
                        "--bulwark.admin-key=" + ADMIN_KEY,
                        "--bulwark.oracle.simulated=false",
                        "--server.port=0")) {
            ApiClient second =
                    new ApiClient(Integer.parseInt(standby.getEnvironment().getProperty("local.server.port")));

            ApiClient.Response status =
                    second.get("/api/v1/system/status", null).assertStatus(200);
            assertThat(status.text("role")).isEqualTo("STANDBY");
            assertThat(status.get("markets").size()).isZero();
            // The clock answers on a standby too; the engine's time is the writer's to tell.
            ApiClient.Response time = second.get("/api/v1/system/time", null).assertStatus(200);
            assertThat(time.get("epochMillis").asLong()).isPositive();
            assertThat(time.get("engineTime").isNull()).isTrue();

            ApiClient.Response markets = second.get("/api/v1/markets", null).assertProblem(503, "NOT_WRITER");
            assertThat(markets.headers().firstValue("Retry-After")).isPresent();
            second.post("/api/v1/admin/accounts", ADMIN_KEY, "{\"name\":\"x\"}").assertProblem(503, "NOT_WRITER");
            second.get("/api/v1/account", "bwk_whatever").assertProblem(503, "NOT_WRITER");
            second.get("/livez", null).assertStatus(200);
            assertThat(second.get("/readyz", null).status()).isEqualTo(503);

            // the writer is untouched
            assertThat(api.get("/api/v1/system/status", null).text("role")).isEqualTo("WRITER");
            api.get("/api/v1/markets", null).assertStatus(200);
        }
    }
}
