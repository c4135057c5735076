package io.bulwark.db;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * Whether this is the embedded demo: the application serves itself from the embedded PostgreSQL because no
 * {@code spring.datasource.url} is configured. Anything else (a configured database, a test's database) is a real
 * deployment, where the safe defaults hold: strong secrets, no simulated prices unless asked for.
 */
public final class EmbeddedDemo {

    private EmbeddedDemo() {}

    /** Asks without starting the embedded server; valid once every property source is in place. */
    public static boolean runs(Environment environment) {
        if (!(environment instanceof ConfigurableEnvironment configurable)) {
            return false;
        }
        PropertySource<?> embedded = configurable.getPropertySources().get(EmbeddedPostgresPropertySource.NAME);
        return embedded != null && embedded.containsProperty(EmbeddedPostgresPropertySource.URL);
    }
}
