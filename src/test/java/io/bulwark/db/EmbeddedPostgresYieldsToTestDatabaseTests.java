package io.bulwark.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.testsupport.PostgresTestBase;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/** A test's {@code @DynamicPropertySource} arrives after the post-processor ran: the embedded server must yield. */
@SpringBootTest(classes = EmbeddedPostgresYieldsToTestDatabaseTests.DataSourceOnly.class)
class EmbeddedPostgresYieldsToTestDatabaseTests extends PostgresTestBase {

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(DataSourceAutoConfiguration.class)
    static class DataSourceOnly {}

    @Autowired
    DataSource dataSource;

    @Autowired
    ConfigurableEnvironment environment;

    @Test
    void theContextRunsOnItsOwnTestDatabase() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            assertThat(connection.getMetaData().getURL())
                    .contains("_t_" + ProcessHandle.current().pid() + "_");
        }
    }

    @Test
    void theEmbeddedSourceIsThereButAnswersNothing() {
        var embedded = environment.getPropertySources().get("bulwarkEmbeddedPostgres");

        assertThat(embedded).isNotNull();
        assertThat(embedded.getProperty("spring.datasource.url")).isNull();
    }
}
