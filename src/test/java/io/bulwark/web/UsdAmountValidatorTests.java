package io.bulwark.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UsdAmountValidatorTests {
    private final UsdAmountValidator validator = new UsdAmountValidator();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0.000001, true",
        "1, true",
        "100.50, true",
        "1.1000000, true",
        "1000000000000000, true",
        "1000000000000000.000001, false",
        "1000000000000001, false",
        "0, false",
        "0.000000, false",
        "-1, false",
        "-0.000001, false",
        "0.0000001, false",
        "1.1234567, false"
    })
    void acceptsPositiveBoundedMicroDollarAmounts(String amount, boolean valid) {
        assertThat(validator.isValid(new BigDecimal(amount), null)).isEqualTo(valid);
    }

    @org.junit.jupiter.api.Test
    void leavesNullToNotNull() {
        assertThat(validator.isValid(null, null)).isTrue();
    }
}
