package io.bulwark.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EventCursorTests {

    @ParameterizedTest(name = "before={0} -> ({1}, {2})")
    @CsvSource({"120, 120, 0", "120-2, 120, 2", "'', 9223372036854775807, 0"})
    void aCursorIsAnEventIdOrASequence(String before, long sequence, int index) {
        assertThat(EventCursor.before(before)).isEqualTo(new EventCursor(sequence, index));
    }

    @ParameterizedTest(name = "before={0}")
    @ValueSource(
            strings = {"abc", "-1", "12-", "12-x", "120-2-T", "120-2-M", "12:1", "1234567890123456789", "1-1234567890"})
    void anythingElseIsRefusedAsAnEventCursor(String before) {
        assertThatThrownBy(() -> EventCursor.before(before)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(e.getMessage()).contains("an id like 120-2");
        });
    }

    @ParameterizedTest(name = "before={0} -> ({1}, {2})")
    @CsvSource({"120, 120, 0", "120-2, 120, 2", "120-2-T, 120, 2", "120-2-M, 120, 2", "'', 9223372036854775807, 0"})
    void aTradeCursorIsATradeIdAFillIdOrASequence(String before, long sequence, int index) {
        assertThat(EventCursor.beforeTrade(before)).isEqualTo(new EventCursor(sequence, index));
    }

    @ParameterizedTest(name = "before={0}")
    @ValueSource(strings = {"abc", "-1", "12-", "12-x", "12-1-X", "12:1", "1234567890123456789", "1-1234567890"})
    void anythingElseIsRefusedAsATradeCursor(String before) {
        assertThatThrownBy(() -> EventCursor.beforeTrade(before)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo("VALIDATION_FAILED");
            assertThat(e.getMessage()).contains("a fill id like 120-2-T");
        });
    }

    @ParameterizedTest(name = "{0} is event {1} of its command")
    @CsvSource({"120-1, 1", "7-15, 15"})
    void idsNumberTheEventsOfACommand(String id, int index) {
        assertThat(EventCursor.indexOf(id)).isEqualTo(index);
        assertThat(EventCursor.id(Long.parseLong(id.substring(0, id.indexOf('-'))), index))
                .isEqualTo(id);
    }
}
