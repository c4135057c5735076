package io.bulwark.db;

import java.util.function.Supplier;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Supplies {@code spring.datasource.url/username/password} for the embedded server, starting it on the first read
 * of the URL. It answers only while no other property source supplies a URL and the embedded database is enabled,
 * asked afresh on each read: a source added later with a higher precedence (a test's {@code @DynamicPropertySource})
 * takes over, and code that reads every source (the actuator's {@code /env}) does not start a server.
 */
final class EmbeddedPostgresPropertySource extends EnumerablePropertySource<Supplier<EmbeddedPostgresServer>> {

    static final String NAME = "bulwarkEmbeddedPostgres";
    static final String URL = "spring.datasource.url";
    static final String USERNAME = "spring.datasource.username";
    static final String PASSWORD = "spring.datasource.password";
    private static final String[] NAMES = {URL, USERNAME, PASSWORD};

    /** Set while this source asks the environment whether another source has a URL, which asks this one again. */
    private static final ThreadLocal<Boolean> CONSULTING_OTHERS = ThreadLocal.withInitial(() -> false);

    private final Environment environment;

    EmbeddedPostgresPropertySource(Environment environment, Supplier<EmbeddedPostgresServer> server) {
        super(NAME, server);
        this.environment = environment;
    }

    /** Whether the embedded database should serve this environment (to be called from outside this source). */
    static boolean isWanted(Environment environment) {
        return environment.getProperty(EmbeddedPostgresEnvironment.ENABLED, Boolean.class, true)
                && !StringUtils.hasText(environment.getProperty(URL));
    }

    @Override
    public String[] getPropertyNames() {
        return NAMES.clone();
    }

    @Override
    public boolean containsProperty(String name) {
        return isOwnName(name) && serves();
    }

    @Override
    public Object getProperty(String name) {
        if (!isOwnName(name) || !serves()) {
            return null;
        }
        return switch (name) {
            case URL -> getSource().get().jdbcUrl();
            case USERNAME -> EmbeddedPostgresServer.USER;
            default -> "";
        };
    }

    private static boolean isOwnName(String name) {
        return URL.equals(name) || USERNAME.equals(name) || PASSWORD.equals(name);
    }

    private boolean serves() {
        if (CONSULTING_OTHERS.get()) {
            return false;
        }
        CONSULTING_OTHERS.set(true);
        try {
            return isWanted(environment);
        } finally {
            CONSULTING_OTHERS.remove();
        }
    }
}
