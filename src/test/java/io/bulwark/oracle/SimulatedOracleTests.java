package io.bulwark.oracle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.engine.EngineView;
import io.bulwark.journal.EngineGateway;
import io.bulwark.testsupport.PostgresTestBase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/** The demo feed makes the seeded markets' prices healthy through the engine's own validation. */
@SpringBootTest(
        properties = {
            "bulwark.oracle.simulated=true",
            "bulwark.oracle.interval=100ms",
            "bulwark.admin-key=simulated-oracle-test-admin-key-000000"
        })
class SimulatedOracleTests extends PostgresTestBase {
    @Autowired
    EngineGateway gateway;

    @Test
    void theSeededMarketsGetHealthyPricesNearTheirStart() {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try {
                return gateway.query(EngineView::markets).stream().allMatch(EngineView.MarketView::priceHealthy);
            } catch (RuntimeException notYetWriter) {
                return false;
            }
        });
        var btc = gateway.query(view -> view.market("BTC-USD-PERP").orElseThrow());
        assertThat(btc.indexPrice()).isBetween(new java.math.BigDecimal("60000"), new java.math.BigDecimal("70000"));
        assertThat(btc.indexPrice().remainder(btc.spec().tickSize())).isZero();
    }
}
