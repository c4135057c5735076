package io.bulwark.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class EmbeddedPostgresEnvironmentTests {

    @TempDir
    Path dataDir;

    @Test
    void aRowSurvivesARestartOnTheSameDataDirectory() throws SQLException {
        String firstUrl = datasourceUrl(environmentWith(Map.of()));
        execute(firstUrl, "CREATE TABLE kept (note text)", "INSERT INTO kept VALUES ('still here')");
        EmbeddedPostgresServer.obtain(dataDir, 0).stop();

        String secondUrl = datasourceUrl(environmentWith(Map.of()));

        try (Connection connection = DriverManager.getConnection(secondUrl, "postgres", "");
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT note FROM kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("still here");
        } finally {
            EmbeddedPostgresServer.obtain(dataDir, 0).stop();
        }
    }

    @Test
    void aConfiguredUrlLeavesItOut() {
        StandardEnvironment environment = environmentWith(Map.of("spring.datasource.url", "jdbc:postgresql://db/x"));

        assertThat(environment.getPropertySources().contains("bulwarkEmbeddedPostgres"))
                .isFalse();
        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db/x");
    }

    @Test
    void disablingItLeavesItOut() {
        StandardEnvironment environment = environmentWith(Map.of("bulwark.embedded-db.enabled", "false"));

        assertThat(environment.getPropertySources().contains("bulwarkEmbeddedPostgres"))
                .isFalse();
        assertThat(environment.getProperty("spring.datasource.url")).isNull();
    }

    @Test
    void aUrlAddedLaterWithHigherPrecedenceTakesOverWithoutStartingTheServer() {
        StandardEnvironment environment = environmentWith(Map.of());
        environment
                .getPropertySources()
                .addFirst(new MapPropertySource("test", Map.of("spring.datasource.url", "jdbc:postgresql://db/x")));

        assertThat(environment.getProperty("spring.datasource.url")).isEqualTo("jdbc:postgresql://db/x");
        var embedded = environment.getPropertySources().get("bulwarkEmbeddedPostgres");
        assertThat(embedded.getProperty("spring.datasource.url")).isNull();
        assertThat(embedded.getProperty("spring.datasource.username")).isNull();
        assertThat(dataDir).isEmptyDirectory();
    }

    private StandardEnvironment environmentWith(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("given", properties));
        environment
                .getPropertySources()
                .addLast(new MapPropertySource("dataDir", Map.of("bulwark.embedded-db.data-dir", dataDir.toString())));
        new EmbeddedPostgresEnvironment().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    private static String datasourceUrl(StandardEnvironment environment) {
        assertThat(environment.getProperty("spring.datasource.username")).isEqualTo("postgres");
        return environment.getProperty("spring.datasource.url");
    }

    private static void execute(String url, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
                Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}
