package io.bulwark.web.socket;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/** The check {@link SocketClient} applies to every frame: is it a message {@code asyncapi.yaml} documents? */
class DocumentedMessagesTests {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = ';',
            value = {
                "{\"type\":\"pong\"}; true",
                "{\"type\":\"subscribed\",\"channel\":\"trades\"}; true",
                "{\"type\":\"error\",\"channel\":\"account\"}; true",
                "{\"type\":\"snapshot\",\"channel\":\"orderbook\"}; true",
                "{\"type\":\"update\",\"channel\":\"orderbook\"}; true",
                "{\"type\":\"rollback\",\"channel\":\"status\"}; true",
                "{\"type\":\"fill\",\"channel\":\"account\"}; true",
                "{\"type\":\"trade\",\"channel\":\"orderbook\"}; false",
                "{\"type\":\"fill\",\"channel\":\"status\"}; false",
                "{\"type\":\"surprise\"}; false",
                "{\"channel\":\"trades\"}; false"
            })
    void documents(String message, boolean documented) {
        assertThat(DocumentedMessages.documents(JSON.readTree(message))).isEqualTo(documented);
    }
}
