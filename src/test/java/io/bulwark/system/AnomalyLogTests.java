package io.bulwark.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.engine.command.ChangeTradingState;
import io.bulwark.engine.command.PostOraclePrices;
import io.bulwark.engine.state.TradingState;
import io.bulwark.journal.EngineGateway;
import io.bulwark.testsupport.MarketJson;
import io.bulwark.web.HttpApiTestBase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class AnomalyLogTests extends HttpApiTestBase {
    @Autowired
    EngineGateway gateway;

    @Test
    void stateChangesAndQuarantinedJumpsAreLogged(CapturedOutput output) {
        String market = "LOG" + System.nanoTime() % 100_000 + "-USD-PERP";
        api.post("/api/v1/admin/markets", ADMIN_KEY, MarketJson.cents(market).json())
                .assertStatus(201);
        gateway.submit(new ChangeTradingState(market, TradingState.POST_ONLY, "reopening", "ops-1", false), "test");
        long now = System.currentTimeMillis();
        gateway.submit(
                new PostOraclePrices(List.of(
                        new PostOraclePrices.Quote(market, "a", "100", now),
                        new PostOraclePrices.Quote(market, "a", "150", now))),
                "test");

        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(output.getOut())
                        .contains("Trading state of " + market + " OPEN -> POST_ONLY by ops-1")
                        .contains("Price jump quarantined in " + market + " from a"));
    }
}
