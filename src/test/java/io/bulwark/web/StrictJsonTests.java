package io.bulwark.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.engine.account.Role;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/** The JSON rules of {@link JsonConfiguration}, on a mapper built the way Spring Boot builds it. */
class StrictJsonTests {
    record Amount(BigDecimal amount) {}

    record Named(String name, Integer count, Boolean flag, Role role) {}

    private final JsonMapper json = mapper();

    static JsonMapper mapper() {
        JsonMapper.Builder builder = JsonMapper.builder();
        new JsonConfiguration().strictJson().customize(builder);
        return builder.build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"65000.5\"", "65000.5", "\"0.000001\"", "\"-0.0002\"", "100", "\"100\""})
    void readsDecimalsFromTheirTextAsStringsOrNumbers(String value) {
        BigDecimal read =
                json.readValue("{\"amount\":" + value + "}", Amount.class).amount();
        assertThat(read).isEqualTo(new BigDecimal(value.replace("\"", "")));
    }

    @Test
    void keepsEveryDigitThatADoubleWouldLose() {
        BigDecimal read = json.readValue("{\"amount\":0.100000000000000005551115}", Amount.class)
                .amount();
        assertThat(read.toPlainString()).isEqualTo("0.100000000000000005551115");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "\"NaN\"",
                "\"Infinity\"",
                "\"-Infinity\"",
                "\"1e309\"",
                "1e309",
                "1E3",
                "\"1e-7\"",
                "\"\"",
                "\" 1\"",
                "\"1,5\"",
                "\"+1\"",
                "\".5\"",
                "\"5.\"",
                "\"0x10\"",
                "true",
                "[]",
                "{}",
                "1234567890123456789012345",
                "\"0.1234567890123456789012345\""
            })
    void refusesAnythingButAPlainBoundedDecimal(String value) {
        assertThatThrownBy(() -> json.readValue("{\"amount\":" + value + "}", Amount.class))
                .isInstanceOf(JacksonException.class);
    }

    @Test
    void refusesNonFiniteNumberLiterals() {
        assertThatThrownBy(() -> json.readValue("{\"amount\":NaN}", Amount.class))
                .isInstanceOf(JacksonException.class);
    }

    @Test
    void namesTheFieldOfABadDecimal() {
        assertThatThrownBy(() -> json.readValue("{\"amount\":\"NaN\"}", Amount.class))
                .isInstanceOfSatisfying(MismatchedInputException.class, e -> {
                    assertThat(JsonInputErrors.path(e)).isEqualTo("amount");
                    assertThat(e.getOriginalMessage()).isEqualTo(DecimalDeserializer.EXPECTED);
                });
    }

    @Test
    void writesDecimalsAsPlainStrings() {
        String written = json.writeValueAsString(List.of(
                new BigDecimal("65000.50"), new BigDecimal("1E+3"), new BigDecimal("0.000001"), BigDecimal.ZERO));
        assertThat(written).isEqualTo("[\"65000.5\",\"1000\",\"0.000001\",\"0\"]");
    }

    @Test
    void refusesUnknownFields() {
        assertThatThrownBy(() -> json.readValue("{\"amount\":\"1\",\"amuont\":\"2\"}", Amount.class))
                .isInstanceOf(UnrecognizedPropertyException.class);
    }

    @Test
    void refusesDuplicateFields() {
        assertThatThrownBy(() -> json.readValue("{\"amount\":\"1\",\"amount\":\"2\"}", Amount.class))
                .isInstanceOf(JacksonException.class);
    }

    @Test
    void refusesTrailingContent() {
        assertThatThrownBy(() -> json.readValue("{\"amount\":\"1\"} {}", Amount.class))
                .isInstanceOf(JacksonException.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"name\":123}",
                "{\"name\":1.5}",
                "{\"name\":true}",
                "{\"count\":1.5}",
                "{\"count\":1e3}",
                "{\"count\":\"many\"}",
                "{\"count\":99999999999}",
                "{\"flag\":1}",
                "{\"flag\":\"yes\"}",
                "{\"role\":1}",
                "{\"role\":\"admin\"}",
                "{\"role\":\"ROOT\"}",
                "{\"name\":{}}",
                "{\"name\":[\"a\"]}",
                "{\"name\":\"nul\\u0000\"}",
                "{\"name\":\"lone \\ud800 high\"}",
                "{\"name\":\"lone \\udc00 low\"}",
                "{\"name\":\"reversed \\udc00\\ud800\"}",
                "{\"name\":\"cut \\ud83d\"}"
            })
    void refusesWrongTypesInsteadOfCoercingThem(String body) {
        assertThatThrownBy(() -> json.readValue(body, Named.class)).isInstanceOf(JacksonException.class);
    }

    @Test
    void readsUnicodeTextIncludingPairedSurrogates() {
        assertThat(json.readValue("{\"name\":\"emoji \\ud83d\\ude00 \u00fc\"}", Named.class)
                        .name())
                .isEqualTo("emoji \uD83D\uDE00 \u00fc");
    }

    @Test
    void readsWellTypedValues() {
        Named named = json.readValue("{\"name\":\"alice\",\"count\":3,\"flag\":true,\"role\":\"ADMIN\"}", Named.class);
        assertThat(named).isEqualTo(new Named("alice", 3, true, Role.ADMIN));
    }
}
