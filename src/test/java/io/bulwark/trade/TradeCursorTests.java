package io.bulwark.trade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.web.ApiException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TradeCursorTests {

    @ParameterizedTest(name = "before={0} -> ({1}, {2})")
    @CsvSource({"120, 120, 0", "120-2, 120, 2", "120-2-T, 120, 2", "120-2-M, 120, 2", "'', 9223372036854775807, 0"})
    void aCursorIsATradeIdAFillIdOrASequence(String before, long sequence, int index) {
        assertThat(TradeCursor.before(before)).isEqualTo(new TradeCursor(sequence, index));
    }

    @ParameterizedTest(name = "before={0}")
    @ValueSource(strings = {"abc", "-1", "12-", "12-x", "12-1-X", "12:1", "1234567890123456789", "1-1234567890"})
    void anythingElseIsRefused(String before) {
        assertThatThrownBy(() -> TradeCursor.before(before))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo("VALIDATION_FAILED"));
    }

    @ParameterizedTest(name = "{0} is trade {1} of its command")
    @CsvSource({"120-1, 1", "7-15, 15"})
    void tradeIdsNumberTheTradesOfACommand(String tradeId, int index) {
        assertThat(TradeCursor.indexOf(tradeId)).isEqualTo(index);
    }
}
