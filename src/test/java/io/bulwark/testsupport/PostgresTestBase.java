package io.bulwark.testsupport;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the Spring tests that need the database: each Spring context they create gets a fresh database on
 * {@link TestPostgres}'s server (contexts the test framework caches and shares keep theirs).
 */
public abstract class PostgresTestBase {

    @DynamicPropertySource
    static void postgresProperties(DynamicPropertyRegistry registry) {
        // Called once per context creation: created here, not in a supplier, so it happens exactly once.
        String url = TestPostgres.createDatabase();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", TestPostgres::username);
        registry.add("spring.datasource.password", TestPostgres::password);
        registry.add("bulwark.embedded-db.enabled", () -> "false");
        // Cached contexts stay open, each with a pool on one shared server (PostgreSQL allows 100 connections by
        // default): let an idle context give its connections back.
        registry.add("spring.datasource.hikari.minimum-idle", () -> "1");
        registry.add("spring.datasource.hikari.idle-timeout", () -> "10000");
    }
}
