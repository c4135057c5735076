package io.bulwark.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.bulwark.engine.account.Role;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.mock.http.MockHttpInputMessage;
import tools.jackson.databind.json.JsonMapper;

/** An unreadable body is described by field and expectation, without Java internals. */
class JsonInputErrorsTests {
    record Deposit(BigDecimal amount, String reference) {}

    record Key(Role role) {}

    record Wrapper(Deposit deposit) {}

    private final JsonMapper json = StrictJsonTests.mapper();

    private ProblemDetail describe(String body, Class<?> type) {
        Throwable cause = catchThrowable(() -> json.readValue(body, type));
        assertThat(cause).as("the body should not parse: %s", body).isNotNull();
        return JsonInputErrors.describe(
                new HttpMessageNotReadableException("JSON parse error", cause, new MockHttpInputMessage(new byte[0])));
    }

    @Test
    void unknownFieldIsNamedWithTheAcceptedOnes() {
        ProblemDetail p = describe("{\"amount\":\"1\",\"referense\":\"x\"}", Deposit.class);
        assertThat(p.getStatus()).isEqualTo(400);
        assertThat(p.getProperties()).containsEntry("code", "VALIDATION_FAILED");
        assertThat(p.getDetail()).isEqualTo("unknown field 'referense'; accepted fields: amount, reference");
    }

    @Test
    void badDecimalNamesItsField() {
        assertThat(describe("{\"amount\":\"NaN\"}", Deposit.class).getDetail())
                .isEqualTo("field 'amount' " + DecimalDeserializer.EXPECTED);
    }

    @Test
    void nestedFieldsHaveTheirPath() {
        assertThat(describe("{\"deposit\":{\"amount\":\"1e400\"}}", Wrapper.class)
                        .getDetail())
                .startsWith("field 'deposit.amount' ");
    }

    @Test
    void wrongTypeSaysWhatWasExpected() {
        assertThat(describe("{\"reference\":42}", Deposit.class).getDetail())
                .isEqualTo("field 'reference' must be a string");
        assertThat(describe("{\"role\":\"ROOT\"}", Key.class).getDetail())
                .isEqualTo("field 'role' must be one of [TRADER, ADMIN, ORACLE]");
        assertThat(describe("[1,2]", Deposit.class).getDetail()).isEqualTo("request body must be a JSON object");
    }

    @Test
    void malformedJsonSaysWhere() {
        ProblemDetail p = describe("{\"amount\": }", Deposit.class);
        assertThat(p.getDetail()).startsWith("malformed JSON at line 1, column ");
        assertThat(p.getDetail()).doesNotContain("tools.jackson", "Exception", "java.");
    }

    @Test
    void missingBodyIsExplained() {
        ProblemDetail p = JsonInputErrors.describe(new HttpMessageNotReadableException(
                "Required request body is missing", new MockHttpInputMessage(new byte[0])));
        assertThat(p.getStatus()).isEqualTo(400);
        assertThat(p.getDetail()).isEqualTo("the request body is missing or is not valid JSON");
    }

    @Test
    void aBodyOverTheLimitIs413() {
        ProblemDetail p = JsonInputErrors.describe(new HttpMessageNotReadableException(
                "I/O error", new PayloadTooLargeException(), new MockHttpInputMessage(new byte[0])));
        assertThat(p.getStatus()).isEqualTo(413);
        assertThat(p.getProperties()).containsEntry("code", "PAYLOAD_TOO_LARGE");
    }
}
