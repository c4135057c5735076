package io.bulwark.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.context.request.ServletWebRequest;

/**
 * A database that stops answering (PostgreSQL crashed between the journal commit and the read-model
 * query that builds the answer) is a 503 with a code and Retry-After, never a 500.
 */
class DatabaseUnavailableTests {
    private final ApiExceptionHandler handler = new ApiExceptionHandler();

    @Test
    void everyKindOfDatabaseFailureIs503DatabaseUnavailable() {
        for (Exception failure : List.of(
                new DataAccessResourceFailureException("connection refused"),
                new CannotCreateTransactionException("no connection"),
                new PersistenceException("I/O error"),
                new SQLException("An I/O error occurred while sending to the backend."))) {
            ServletWebRequest request = new ServletWebRequest(new MockHttpServletRequest("DELETE", "/api/v1/orders/7"));
            ResponseEntity<Object> answer = handler.databaseUnavailable(failure, request);
            assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(answer.getHeaders().getFirst("Retry-After")).isEqualTo("1");
            ProblemDetail problem = (ProblemDetail) answer.getBody();
            assertThat(problem.getProperties()).containsEntry("code", "DATABASE_UNAVAILABLE");
        }
    }
}
