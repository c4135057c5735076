package io.bulwark.journal;

import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** How Flyway runs: see {@link SchemaUpgrade}. */
@Configuration(proxyBeanMethods = false)
class SchemaUpgradeConfiguration {

    @Bean
    FlywayMigrationStrategy schemaUpgrade(JournalConnections connections) {
        return new SchemaUpgrade(connections);
    }

    /**
     * Strict validation (no applied migration is ever ignored, future ones included), and DDL that cannot
     * take a lock within 5 s fails instead of making every query on that table wait behind it.
     */
    @Bean
    FlywayConfigurationCustomizer strictMigrations() {
        return configuration -> configuration
                .validateOnMigrate(true)
                .ignoreMigrationPatterns(new String[0])
                .initSql("SET lock_timeout = '5s'");
    }
}
