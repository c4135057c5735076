package io.bulwark.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

class TestPostgresTests {

    @Test
    void eachCreatedDatabaseIsNewAndSeparate() throws SQLException {
        String first = TestPostgres.createDatabase();
        String second = TestPostgres.createDatabase();

        assertThat(first).isNotEqualTo(second);
        try (Connection connection = connect(first);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE only_in_first (id int)");
            statement.execute("INSERT INTO only_in_first VALUES (1)");
        }
        assertThat(tableExists(first, "only_in_first")).isTrue();
        assertThat(tableExists(second, "only_in_first")).isFalse();
    }

    @Test
    void createdDatabaseIsEmpty() throws SQLException {
        String url = TestPostgres.createDatabase();

        try (Connection connection = connect(url);
                Statement statement = connection.createStatement();
                ResultSet tables = statement.executeQuery(
                        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
            tables.next();
            assertThat(tables.getLong(1)).isZero();
        }
    }

    @Test
    void urlKeepsHostPortAndParametersAndSwapsTheDatabase() {
        assertThat(TestPostgres.withDatabase("jdbc:postgresql://127.0.0.1:5432/test", "x"))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/x");
        assertThat(TestPostgres.withDatabase("jdbc:postgresql://localhost:32768/test?loggerLevel=OFF", "x"))
                .isEqualTo("jdbc:postgresql://localhost:32768/x?loggerLevel=OFF");
        assertThat(TestPostgres.withDatabase("jdbc:postgresql://db", "x")).isEqualTo("jdbc:postgresql://db/x");
        assertThat(TestPostgres.databaseOf("jdbc:postgresql://h:1/bulwark_ci_1?ssl=false"))
                .isEqualTo("bulwark_ci_1");
    }

    @Test
    void namePrefixIsASafeIdentifierStart() {
        assertThat(TestPostgres.namePrefix("bulwark_ci_20261122_42")).isEqualTo("bulwark_ci_20261122_42");
        assertThat(TestPostgres.namePrefix("My-DB")).isEqualTo("my_db");
        assertThat(TestPostgres.namePrefix("")).isEqualTo("bulwark");
        assertThat(TestPostgres.namePrefix("1db")).isEqualTo("bulwark");
        assertThat(TestPostgres.namePrefix("a".repeat(60))).hasSize(32);
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, TestPostgres.username(), TestPostgres.password());
    }

    private static boolean tableExists(String url, String table) throws SQLException {
        try (Connection connection = connect(url);
                ResultSet tables = connection.getMetaData().getTables(null, "public", table, null)) {
            return tables.next();
        }
    }
}
