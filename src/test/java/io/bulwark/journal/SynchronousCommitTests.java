package io.bulwark.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import org.junit.jupiter.api.Test;

/**
 * A COMMIT that PostgreSQL returned with a warning (its wait for the synchronous standby was cancelled, so it
 * may exist on the primary alone) is not a confirmed commit. The real case needs a synchronous standby: the
 * {@code fault/pg-failover.sh} run with a frozen standby drives it end to end.
 */
class SynchronousCommitTests {

    @Test
    void aCommitThatReturnedWithAWarningIsNotConfirmedAndTheWarningIsCleared() {
        WarningConnection commit = new WarningConnection(
                new SQLWarning("canceling wait for synchronous replication due to user request", "01000"));

        assertThatThrownBy(() -> SynchronousCommit.requireConfirmed(commit.connection()))
                .isInstanceOf(SQLException.class)
                .hasMessageContaining("may exist on the primary only")
                .hasMessageContaining("canceling wait for synchronous replication")
                .hasCauseInstanceOf(SQLWarning.class);
        assertThat((Throwable) commit.warning).isNull();
    }

    @Test
    void aCommitWithoutWarningsIsConfirmed() {
        assertThatCode(() -> SynchronousCommit.requireConfirmed(new WarningConnection(null).connection()))
                .doesNotThrowAnyException();
    }

    /** A connection that only answers getWarnings / clearWarnings. */
    private static final class WarningConnection {
        private SQLWarning warning;

        WarningConnection(SQLWarning warning) {
            this.warning = warning;
        }

        Connection connection() {
            return (Connection) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                        switch (method.getName()) {
                            case "getWarnings" -> {
                                return warning;
                            }
                            case "clearWarnings" -> {
                                warning = null;
                                return null;
                            }
                            default -> throw new UnsupportedOperationException(method.getName());
                        }
                    });
        }
    }
}
