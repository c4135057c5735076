package io.bulwark.db;

import java.nio.file.Path;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Gives an application started with no database configured (a newcomer's {@code ./mvnw spring-boot:run}) a real
 * PostgreSQL: an embedded server whose data directory ({@code bulwark.embedded-db.data-dir}, default
 * {@code ./.bulwark/pgdata}) is kept, so a restart finds its data again.
 *
 * <p>Nothing starts here: this adds a property source that starts the server when {@code spring.datasource.url}
 * is first read and nothing else supplies it. So a configured {@code SPRING_DATASOURCE_URL}, a test's
 * {@code @DynamicPropertySource}, {@code bulwark.embedded-db.enabled=false}, or a context with no DataSource at all
 * (a web slice test) never starts one.
 *
 * <p>Registered in {@code META-INF/spring.factories}. Ordered last so that it sees {@code application.properties}
 * and the other sources the earlier post-processors load.
 */
public class EmbeddedPostgresEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String ENABLED = "bulwark.embedded-db.enabled";
    static final String DATA_DIR = "bulwark.embedded-db.data-dir";
    static final String PORT = "bulwark.embedded-db.port";
    static final String DEFAULT_DATA_DIR = "./.bulwark/pgdata";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!EmbeddedPostgresPropertySource.isWanted(environment)) {
            return;
        }
        Path dataDir = Path.of(environment.getProperty(DATA_DIR, DEFAULT_DATA_DIR))
                .toAbsolutePath()
                .normalize();
        int port = environment.getProperty(PORT, Integer.class, 0);
        environment
                .getPropertySources()
                .addFirst(new EmbeddedPostgresPropertySource(
                        environment, () -> EmbeddedPostgresServer.obtain(dataDir, port)));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
