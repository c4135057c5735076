package io.bulwark.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.BulwarkApplication;
import io.bulwark.testsupport.AppInstances;
import io.bulwark.web.ApiClient;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The embedded demo ({@code ./mvnw spring-boot:run}: no database configured) keeps its easy start: a short admin
 * key, no key-hash secret, simulated prices on by default (io.bulwark.SafeDefaultsTests: none of that outside it).
 */
class EmbeddedDemoTests {
    @TempDir
    Path demoData;

    @AfterEach
    void stopTheEmbeddedServer() {
        EmbeddedPostgresServer.obtain(demoData.toAbsolutePath().normalize(), 0).stop();
    }

    @Test
    void theEmbeddedDemoStartsWithAShortKeyNoKeyHashSecretAndSimulatedPrices() {
        try (ConfigurableApplicationContext demo = new SpringApplicationBuilder(BulwarkApplication.class)
                .run(
                        "--server.port=0",
                        "--bulwark.embedded-db.data-dir=" + demoData,
                        "--bulwark.admin-key=demo-admin-key-16",
                        "--bulwark.security.key-hash-secret=")) {
            AppInstances.awaitWriter(demo);
            assertThat(demo.getEnvironment().getProperty("spring.datasource.url"))
                    .startsWith("jdbc:postgresql://localhost:");
            assertThat(demo.containsBean("simulatedOracle")).isTrue();
            ApiClient api = new ApiClient(AppInstances.port(demo));
            api.get("/api/v1/account", "demo-admin-key-16").assertProblem(403, "FORBIDDEN");
        }
        try (ConfigurableApplicationContext demo = new SpringApplicationBuilder(BulwarkApplication.class)
                .run(
                        "--server.port=0",
                        "--bulwark.embedded-db.data-dir=" + demoData,
                        "--bulwark.oracle.simulated=false")) {
            assertThat(demo.containsBean("simulatedOracle")).isFalse();
        }
    }
}
