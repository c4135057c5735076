package io.bulwark.journal;

import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** How Flyway runs: see {@link SchemaUpgrade}. */
@Configuration(proxyBeanMethods = false)
class SchemaUpgradeConfiguration {

    @Bean
    FlywayMigrationStrategy schemaUpgrade(JournalConnections connections) {
        return new SchemaUpgrade(connections);
    }

    /**
     * Strict validation (no applied migration is ever ignored, future ones included), and DDL that cannot
     * take a lock within 5 s fails instead of making every query on that table wait behind it. Migrations use
     * their own connections, not the pool's: a long data migration is not cut short by the pool's socket and
     * statement limits ({@code bulwark.journal.pool-*}), and its session settings never reach a pooled one.
     */
    @Bean
    FlywayConfigurationCustomizer strictMigrations(Environment env) {
        return configuration -> configuration
                .dataSource(
                        env.getRequiredProperty("spring.datasource.url"),
                        env.getProperty("spring.datasource.username", "postgres"),
                        env.getProperty("spring.datasource.password", ""))
                .validateOnMigrate(true)
                .ignoreMigrationPatterns(new String[0])
                .initSql("SET lock_timeout = '5s'");
    }
}
