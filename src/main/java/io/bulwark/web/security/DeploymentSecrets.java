package io.bulwark.web.security;

import io.bulwark.db.EmbeddedDemo;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Outside the embedded demo ({@link EmbeddedDemo}) the service refuses to start with weak secrets: an admin key
 * ({@code bulwark.admin-key}) shorter than {@value #MIN_LENGTH} characters, or a key-hash secret
 * ({@code bulwark.security.key-hash-secret}, the HMAC key of the stored API key hashes) missing or shorter than
 * that. No admin key at all is fine: one is generated and printed once. Runs before any bean is created, so a
 * refused start has touched neither the database nor the journal.
 */
@Component
class DeploymentSecrets implements BeanFactoryPostProcessor, EnvironmentAware {
    static final int MIN_LENGTH = 32;
    static final String ADMIN_KEY = "bulwark.admin-key";
    static final String KEY_HASH_SECRET = "bulwark.security.key-hash-secret";

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        List<String> problems = problems(environment);
        if (!problems.isEmpty()) {
            throw new WeakSecretsException(problems);
        }
    }

    /** What is wrong with this environment's secrets; empty in the embedded demo. Never names a secret's value. */
    static List<String> problems(Environment environment) {
        if (EmbeddedDemo.runs(environment)) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        String adminKey = environment.getProperty(ADMIN_KEY, "").strip();
        if (!adminKey.isEmpty() && adminKey.length() < MIN_LENGTH) {
            problems.add(ADMIN_KEY + " (BULWARK_ADMIN_KEY) has " + adminKey.length() + " characters; it needs at least "
                    + MIN_LENGTH + " (or leave it unset: a key is generated and printed once)");
        }
        String secret = environment.getProperty(KEY_HASH_SECRET, "").strip();
        if (secret.isEmpty()) {
            problems.add(KEY_HASH_SECRET + " (BULWARK_SECURITY_KEY_HASH_SECRET) is not set; it needs at least "
                    + MIN_LENGTH + " characters");
        } else if (secret.length() < MIN_LENGTH) {
            problems.add(KEY_HASH_SECRET + " (BULWARK_SECURITY_KEY_HASH_SECRET) has " + secret.length()
                    + " characters; it needs at least " + MIN_LENGTH);
        }
        return problems;
    }

    /** The start was refused; {@link WeakSecretsFailureAnalyzer} prints it as Spring Boot's failure report. */
    static final class WeakSecretsException extends IllegalStateException {
        private final List<String> problems;

        WeakSecretsException(List<String> problems) {
            super("Refusing to start with weak secrets outside the embedded demo: " + String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        List<String> problems() {
            return problems;
        }
    }
}
