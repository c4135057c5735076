package io.bulwark.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.testsupport.AppInstances;
import io.bulwark.testsupport.MarketJson;
import io.bulwark.testsupport.OracleKeys;
import io.bulwark.web.ApiClient;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * SPEC section 6 (v2), over HTTP with whole instances on one database: the oracle's defences are state, kept in
 * the journal and snapshots. A quarantine, the jump window and the last re-anchor hold across restarts, and a
 * genuine move refused as a jump before a restart is re-anchored after it once the sources agree again.
 */
class OracleRestartTests {
    private static final String ADMIN_KEY = "bwk_oracle_restart_admin_key_000000000000000000";
    private static final String MARKET = "ORS-USD-PERP";
    private final AppInstances instances = new AppInstances(ADMIN_KEY);
    private ConfigurableApplicationContext app;
    private ApiClient api;
    private final OracleKeys keys = new OracleKeys(() -> api, ADMIN_KEY);

    @AfterEach
    void stopAll() {
        instances.close();
    }

    private void start(String name) {
        if (app != null) {
            instances.stop(app);
        }
        app = instances.start(name);
        AppInstances.awaitWriter(app);
        api = new ApiClient(AppInstances.port(app));
        assertThat(api.get("/api/v1/system/status", null)
                        .json()
                        .at("/recovery/verified")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void quarantineWindowAndReanchorHoldAcrossRestartsAndARefusedRealMoveIsNotRefusedForever() {
        start("first");
        // A 10-minute jump window, so that a restart falls well inside it.
        api.post(
                        "/api/v1/admin/markets",
                        ADMIN_KEY,
                        MarketJson.btcLike(MARKET)
                                .with("maxPriceAgeSeconds", 300)
                                .with("priceJumpWindowSeconds", 600)
                                .json())
                .assertStatus(201);
        accepted("a", "65000", "b", "65000", "c", "65000", "a", "65000");
        api.put("/api/v1/admin/oracle/sources/c", ADMIN_KEY, "{\"state\":\"QUARANTINED\",\"reason\":\"stuck feed\"}")
                .assertStatus(200);
        // A real move: refused as a jump, one vote cast before the restart.
        assertThat(reasons("a", "57000", "b", "57000")).containsExactly("PRICE_JUMP", "PRICE_JUMP");

        start("second");
        assertThat(reasons("c", "57000")).as("still quarantined").containsExactly("SOURCE_QUARANTINED");
        assertThat(index()).isEqualByComparingTo("65000");
        assertThat(reasons("a", "57000", "b", "57000")).containsExactly("PRICE_JUMP", "PRICE_JUMP");
        assertThat(reasons("a", "57000"))
                .as("the 3rd agreeing update since the start")
                .containsExactly("");
        assertThat(index()).isEqualByComparingTo("57000");
        JsonNode status = marketStatus();
        assertThat(status.path("priceHealthy").asBoolean()).isTrue();
        assertThat(status.at("/lastReanchor/cause").asString()).isEqualTo("AGREEMENT");
        // 57000 -> 54000: -5.3 %, within the limit; the window now holds 57000.
        accepted("a", "54000", "b", "54000");

        start("third");
        JsonNode oracle = api.get("/api/v1/admin/oracle/sources", ADMIN_KEY)
                .assertStatus(200)
                .json();
        assertThat(oracle.path("quarantined").valueStream()).singleElement().satisfies(q -> {
            assertThat(q.path("source").asString()).isEqualTo("c");
            assertThat(q.path("reason").asString()).isEqualTo("stuck feed");
        });
        assertThat(marketStatus().at("/lastReanchor/cause").asString()).isEqualTo("AGREEMENT");
        accepted("a", "51000"); // the index goes to 52500, the median of 51000 and 54000
        assertThat(reasons("b", "51000"))
                .as("2.9 %% below the index, but 10.5 %% below 57000, where it stood inside the window")
                .containsExactly("PRICE_JUMP");
        assertThat(index()).isEqualByComparingTo("52500");
    }

    private void accepted(String... sourceAndPrice) {
        assertThat(reasons(sourceAndPrice)).allSatisfy(r -> assertThat(r).isEmpty());
    }

    /** Each source posts its price with its own key; each item's refusal reason, "" when accepted. */
    private List<String> reasons(String... sourceAndPrice) {
        String[] items = new String[sourceAndPrice.length / 2];
        long now = System.currentTimeMillis();
        for (int i = 0; i < sourceAndPrice.length; i += 2) {
            items[i / 2] = "{\"market\":\"%s\",\"source\":\"%s\",\"price\":\"%s\",\"timestamp\":%d}"
                    .formatted(MARKET, sourceAndPrice[i], sourceAndPrice[i + 1], now);
        }
        return keys.post(items).stream()
                .map(r -> r.path("accepted").asBoolean() ? "" : r.path("reason").asString())
                .toList();
    }

    private BigDecimal index() {
        return new BigDecimal(api.get("/api/v1/markets/" + MARKET, null)
                .json()
                .path("indexPrice")
                .asString());
    }

    private JsonNode marketStatus() {
        return api.get("/api/v1/system/status", null)
                .json()
                .path("markets")
                .valueStream()
                .filter(m -> m.path("market").asString().equals(MARKET))
                .findFirst()
                .orElseThrow();
    }
}
