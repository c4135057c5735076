package io.bulwark.liquidation;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.testsupport.AppInstances;
import io.bulwark.testsupport.Exchange;
import io.bulwark.web.ApiClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * SPEC section 6, over HTTP with whole instances on one database: a price trusted before a restart is not
 * trusted after it. Liquidations wait for 3 consecutive accepted updates since the new start.
 */
class LiquidationRestartTests {
    private static final String ADMIN_KEY = "bwk_restart_admin_key_0000000000000000000000000";
    private static final String MARKET = "RST-USD-PERP";
    private final AppInstances instances = new AppInstances(ADMIN_KEY);
    private final List<ConfigurableApplicationContext> apps = new ArrayList<>();

    @AfterEach
    void stopAll() {
        instances.close();
    }

    private Exchange start(String name) {
        ConfigurableApplicationContext app = instances.start(name);
        apps.add(app);
        AppInstances.awaitWriter(app);
        return new Exchange(new ApiClient(AppInstances.port(app)), ADMIN_KEY, MARKET);
    }

    private static int liquidations(Exchange exchange, String key) {
        return exchange.api()
                .get("/api/v1/liquidations", key)
                .assertStatus(200)
                .json()
                .size();
    }

    @Test
    void afterARestartOnlyTheThirdAcceptedUpdateMayLiquidate() {
        Exchange first = start("first");
        first.createMarket();
        String oracle = first.oracleKey();
        String alice = first.trader("alice", "100000");
        String dave = first.trader("dave", "1400");
        for (int i = 0; i < 3; i++) {
            first.price(oracle, "65000");
        }
        first.limit(alice, "SELL", "1", "65000");
        first.limit(dave, "BUY", "1", "65000"); // dave: long 1, 1367.5 left, liquidatable at 64000
        instances.stop(apps.removeFirst());

        Exchange second = start("second");
        assertThat(second.api()
                        .get("/api/v1/markets/" + MARKET, null)
                        .get("priceHealthy")
                        .asBoolean())
                .as("nothing carried over a restart is trusted")
                .isFalse();
        second.price(oracle, "64000");
        assertThat(liquidations(second, dave))
                .as("after the 1st accepted update")
                .isZero();
        second.price(oracle, "64000");
        assertThat(liquidations(second, dave))
                .as("after the 2nd accepted update")
                .isZero();
        second.price(oracle, "64000");
        assertThat(second.api()
                        .get("/api/v1/liquidations", dave)
                        .assertStatus(200)
                        .json())
                .as("after the 3rd accepted update")
                .singleElement()
                .satisfies(l -> {
                    assertThat(l.path("priceHealthy").asBoolean()).isTrue();
                    assertThat(new java.math.BigDecimal(l.path("equityBefore").asString()))
                            .isEqualByComparingTo("367.5");
                });
    }
}
