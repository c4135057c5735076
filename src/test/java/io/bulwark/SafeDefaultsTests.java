package io.bulwark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.testsupport.AppInstances;
import io.bulwark.testsupport.TestPostgres;
import io.bulwark.web.ApiClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * SPEC section 12 (v2): outside the embedded demo the service refuses weak secrets and runs no simulated prices
 * unless told to ({@code io.bulwark.db.EmbeddedDemoTests}: the embedded demo still starts with neither). Whole
 * applications, started as {@code main} starts them (command-line arguments).
 */
class SafeDefaultsTests {
    private static final String STRONG_ADMIN_KEY = "safe-defaults-admin-key-0000000000000";

    private static ConfigurableApplicationContext startOn(String database, String... args) {
        return new SpringApplicationBuilder(BulwarkApplication.class)
                .run(Stream.concat(
                                Stream.of(
                                        "--server.port=0",
                                        "--spring.datasource.url=" + database,
                                        "--spring.datasource.username=" + TestPostgres.username(),
                                        "--spring.datasource.password=" + TestPostgres.password(),
                                        "--bulwark.embedded-db.enabled=false"),
                                Stream.of(args))
                        .toArray(String[]::new));
    }

    private static boolean hasTables(String database) throws SQLException {
        try (Connection c = DriverManager.getConnection(database, TestPostgres.username(), TestPostgres.password());
                ResultSet tables = c.getMetaData().getTables(null, "public", "%", new String[] {"TABLE"})) {
            return tables.next();
        }
    }

    @Test
    void aShortAdminKeyOnADatabaseStopsTheStartBeforeItTouchesTheDatabase() throws SQLException {
        String database = TestPostgres.createDatabase();
        // 31 characters: long enough for the demo's 16, one short of a deployment's 32.
        assertThatThrownBy(() -> startOn(database, "--bulwark.admin-key=" + "k".repeat(31)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bulwark.admin-key (BULWARK_ADMIN_KEY) has 31 characters")
                .hasMessageContaining("at least 32")
                .hasMessageNotContaining("kkkk");
        assertThat(hasTables(database))
                .as("tables in the refused start's database")
                .isFalse();
    }

    @Test
    void aMissingOrShortKeyHashSecretOnADatabaseStopsTheStart() {
        String database = TestPostgres.createDatabase();
        assertThatThrownBy(() -> startOn(
                        database, "--bulwark.admin-key=" + STRONG_ADMIN_KEY, "--bulwark.security.key-hash-secret="))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bulwark.security.key-hash-secret (BULWARK_SECURITY_KEY_HASH_SECRET) is not set");
        assertThatThrownBy(() -> startOn(
                        database,
                        "--bulwark.admin-key=" + STRONG_ADMIN_KEY,
                        "--bulwark.security.key-hash-secret=" + "s".repeat(20)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has 20 characters; it needs at least 32");
    }

    @Test
    void onADatabaseNoSimulatedPricesUnlessAskedAndNoAdminKeyIsGenerated() {
        try (ConfigurableApplicationContext app = startOn(TestPostgres.createDatabase())) {
            AppInstances.awaitWriter(app);
            assertThat(app.containsBean("simulatedOracle")).isFalse();
            ApiClient api = new ApiClient(AppInstances.port(app));
            api.get("/api/v1/markets", null).assertStatus(200);
        }
        try (ConfigurableApplicationContext app = startOn(
                TestPostgres.createDatabase(),
                "--bulwark.admin-key=" + STRONG_ADMIN_KEY,
                "--bulwark.oracle.simulated=true")) {
            assertThat(app.containsBean("simulatedOracle")).isTrue();
        }
    }
}
