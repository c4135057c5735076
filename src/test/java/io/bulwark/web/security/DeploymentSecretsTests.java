package io.bulwark.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.db.EmbeddedPostgresEnvironment;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** Which secrets refuse a start, outside the embedded demo and in it (the whole start: SafeDefaultsTests). */
class DeploymentSecretsTests {
    private static final String STRONG = "x".repeat(32);

    @TempDir
    Path neverStarted;

    private StandardEnvironment environment(Map<String, Object> properties, boolean demo) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("given", properties));
        if (!demo) {
            environment
                    .getPropertySources()
                    .addFirst(new MapPropertySource("db", Map.of("spring.datasource.url", "jdbc:postgresql://db/x")));
        }
        environment
                .getPropertySources()
                .addLast(new MapPropertySource(
                        "dataDir", Map.of("bulwark.embedded-db.data-dir", neverStarted.toString())));
        new EmbeddedPostgresEnvironment().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void onADatabaseBothSecretsMustHaveThirtyTwoCharacters() {
        assertThat(DeploymentSecrets.problems(environment(
                        Map.of("bulwark.admin-key", STRONG, "bulwark.security.key-hash-secret", STRONG), false)))
                .isEmpty();
        assertThat(DeploymentSecrets.problems(environment(
                        Map.of("bulwark.admin-key", "x".repeat(31), "bulwark.security.key-hash-secret", STRONG),
                        false)))
                .singleElement()
                .asString()
                .contains("BULWARK_ADMIN_KEY", "31 characters");
        // Padding does not count: the key is used stripped.
        assertThat(DeploymentSecrets.problems(environment(
                        Map.of(
                                "bulwark.admin-key",
                                "   " + "x".repeat(30) + "   ",
                                "bulwark.security.key-hash-secret",
                                STRONG),
                        false)))
                .hasSize(1);
        assertThat(DeploymentSecrets.problems(environment(Map.of("bulwark.admin-key", STRONG), false)))
                .singleElement()
                .asString()
                .contains("BULWARK_SECURITY_KEY_HASH_SECRET", "not set");
        assertThat(DeploymentSecrets.problems(environment(
                        Map.of("bulwark.admin-key", "short", "bulwark.security.key-hash-secret", "short"), false)))
                .hasSize(2);
    }

    @Test
    void noAdminKeyAtAllIsFineAKeyIsGenerated() {
        assertThat(DeploymentSecrets.problems(environment(Map.of("bulwark.security.key-hash-secret", STRONG), false)))
                .isEmpty();
    }

    @Test
    void theEmbeddedDemoNeedsNeither() {
        assertThat(DeploymentSecrets.problems(environment(Map.of("bulwark.admin-key", "sixteen-chars-ok"), true)))
                .isEmpty();
        assertThat(neverStarted).as("asking did not start the embedded server").isEmptyDirectory();
    }
}
