package io.bulwark.liquidation;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.testsupport.AppInstances;
import io.bulwark.testsupport.MarketJson;
import io.bulwark.testsupport.OracleKeys;
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

    private ApiClient start(String name) {
        ConfigurableApplicationContext app = instances.start(name);
        apps.add(app);
        AppInstances.awaitWriter(app);
        return new ApiClient(AppInstances.port(app));
    }

    private static String trader(ApiClient api, String name, String amount) {
        var created = api.post("/api/v1/admin/accounts", ADMIN_KEY, "{\"name\":\"" + name + "\"}")
                .assertStatus(201);
        api.post(
                        "/api/v1/admin/accounts/" + created.text("accountId") + "/deposits",
                        ADMIN_KEY,
                        "{\"amount\":\"" + amount + "\",\"reference\":\"wire-" + name + "\"}")
                .assertStatus(201);
        return created.text("apiKey");
    }

    private static void price(ApiClient api, String oracleKey, String price) {
        var results = api.post(
                        "/api/v1/oracle/prices", oracleKey, """
                        {"prices":[{"market":"%s","price":"%s","source":"feed","timestamp":%d}]}""".formatted(MARKET, price, System.currentTimeMillis()))
                .assertStatus(200)
                .get("results");
        assertThat(results.get(0).path("accepted").asBoolean())
                .as("price " + price)
                .isTrue();
    }

    private static void order(ApiClient api, String key, String side, String size) {
        api.post("/api/v1/orders", key, """
                        {"market":"%s","side":"%s","type":"LIMIT","size":"%s","price":"65000"}""".formatted(MARKET, side, size)).assertStatus(201);
    }

    private static int liquidations(ApiClient api, String key) {
        return api.get("/api/v1/liquidations", key).assertStatus(200).json().size();
    }

    @Test
    void afterARestartOnlyTheThirdAcceptedUpdateMayLiquidate() {
        ApiClient first = start("first");
        first.post(
                        "/api/v1/admin/markets",
                        ADMIN_KEY,
                        MarketJson.btcLike(MARKET).json())
                .assertStatus(201);
        String oracle = OracleKeys.issue(first, ADMIN_KEY, "feed");
        String alice = trader(first, "alice", "100000");
        String dave = trader(first, "dave", "1400");
        for (int i = 0; i < 3; i++) {
            price(first, oracle, "65000");
        }
        order(first, alice, "SELL", "1");
        order(first, dave, "BUY", "1"); // dave: long 1, 1367.5 left, liquidatable at 64000
        instances.stop(apps.removeFirst());

        ApiClient second = start("second");
        assertThat(second.get("/api/v1/markets/" + MARKET, null)
                        .get("priceHealthy")
                        .asBoolean())
                .as("nothing carried over a restart is trusted")
                .isFalse();
        price(second, oracle, "64000");
        assertThat(liquidations(second, dave))
                .as("after the 1st accepted update")
                .isZero();
        price(second, oracle, "64000");
        assertThat(liquidations(second, dave))
                .as("after the 2nd accepted update")
                .isZero();
        price(second, oracle, "64000");
        assertThat(second.get("/api/v1/liquidations", dave).assertStatus(200).json())
                .as("after the 3rd accepted update")
                .singleElement()
                .satisfies(l -> {
                    assertThat(l.path("priceHealthy").asBoolean()).isTrue();
                    assertThat(new java.math.BigDecimal(l.path("equityBefore").asString()))
                            .isEqualByComparingTo("367.5");
                });
    }
}
