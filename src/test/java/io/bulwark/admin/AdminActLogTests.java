package io.bulwark.admin;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.bulwark.engine.command.CancelOrders;
import io.bulwark.engine.command.ChangeTradingState;
import io.bulwark.engine.command.PlaceOrder;
import io.bulwark.engine.command.Tick;
import io.bulwark.engine.state.TradingState;
import io.bulwark.journal.Committed;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.logback.StructuredLogEncoder;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The log line of an operator act as Spring Boot's ECS structured logging writes it ({@code
 * LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs}): {@code actor}, {@code command}, {@code sequence} and {@code reason}
 * are JSON members of their own. (That the line is written for acts over HTTP: {@link AdminReadSideTests}.)
 */
class AdminActLogTests {
    private final Logger logger = (Logger) LoggerFactory.getLogger(AdminActLog.class);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void listen() {
        appender.start();
        logger.addAppender(appender);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(appender);
    }

    @Test
    void anOperatorActIsOneEcsLineWithItsFields() {
        ChangeTradingState close = new ChangeTradingState(
                "", TradingState.CLOSED, "integrity check failed: ledger", ChangeTradingState.INTEGRITY, false);
        new AdminActLog()
                .onCommitted(List.of(new Committed(4711, 1_765_000_000_000L, close, List.of(), "system:integrity")));

        assertThat(appender.list).hasSize(1);
        JsonNode line = JsonMapper.builder().build().readTree(ecs(appender.list.getFirst()));
        assertThat(line.path("actor").asString()).isEqualTo("system:integrity");
        assertThat(line.path("command").asString()).isEqualTo("ChangeTradingState");
        assertThat(line.path("sequence").asLong()).isEqualTo(4711);
        assertThat(line.path("reason").asString()).isEqualTo("integrity check failed: ledger");
        assertThat(line.path("message").asString())
                .isEqualTo("Operator act: actor=system:integrity command=ChangeTradingState sequence=4711"
                        + " reason=integrity check failed: ledger");
    }

    @Test
    void aTradersOrderAndTheClockAreNotActs() {
        AdminActLog log = new AdminActLog();
        log.onCommitted(List.of(
                new Committed(1, 0, new Tick(), List.of(), OperatorActs.CLOCK),
                new Committed(2, 0, new CancelOrders("7", ""), List.of(), "key_trader")));
        assertThat(appender.list).isEmpty();
        assertThat(OperatorActs.isAct(PlaceOrder.class.getSimpleName(), "key_admin", true))
                .isFalse();
    }

    private static String ecs(ILoggingEvent event) {
        LoggerContext context = new LoggerContext();
        context.putObject(Environment.class.getName(), new StandardEnvironment());
        StructuredLogEncoder encoder = new StructuredLogEncoder();
        encoder.setFormat("ecs");
        encoder.setContext(context);
        encoder.start();
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }
}
