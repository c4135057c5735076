package io.bulwark.liquidation;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.web.ApiClient;
import io.bulwark.web.socket.SocketClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Issue 11 item 3 as a client does it, with the breaker's default limits (10 accounts, 500 bps, floor
 * 100,000 USD): one self-made liquidation of a 1,500 USD position used to trip the exchange-wide breaker
 * ("10000 bps of open interest") and real under-water accounts then sat unliquidated. The breaker is per
 * market now, and small liquidations do not count toward its open-interest share.
 */
class MarketBreakerApiTests extends RiskApiTestBase {

    @Test
    void aSmallSelfMadeLiquidationPausesNothingAndRealUnderWaterAccountsAreStillLiquidated() {
        String market = riskMarket(30);
        String other = riskMarket(30);
        healthyAt(market, "65000");
        healthyAt(other, "65000");
        // mallory and her accomplice make the whole open interest: a 1,495 USD long on 31 USD of collateral.
        Trader accomplice = newFundedTrader("1000000");
        Trader mallory = newFundedTrader("31");
        trade(accomplice, mallory, market, "0.023", "65000");
        Trader erin = newFundedTrader("1400");
        trade(accomplice, erin, other, "1", "65000");

        healthyAt(market, "64000");
        assertThat(liquidations(mallory)).hasSize(1);
        JsonNode status =
                api.get("/api/v1/system/status", null).assertStatus(200).json();
        assertThat(status.path("liquidationsPaused").asBoolean())
                .as("before the fix: true, \"liquidations within 60 s reached 10000 bps of open interest\"")
                .isFalse();
        assertThat(marketStatus(status, market).path("liquidationsPaused").asBoolean())
                .isFalse();

        Trader dave = newFundedTrader("1400");
        trade(accomplice, dave, market, "1", "64000");
        healthyAt(market, "63000");
        assertThat(liquidations(dave))
                .as("an under-water account in the same market")
                .hasSize(1);
        healthyAt(other, "64000");
        assertThat(liquidations(erin)).as("and in another market").hasSize(1);
    }

    @Test
    void aLargeCascadePausesItsMarketOnlyUntilAnAdminResumesIt() {
        String market = riskMarket(30);
        String other = riskMarket(30);
        healthyAt(market, "65000");
        healthyAt(other, "65000");
        Trader alice = newFundedTrader("1000000");
        Trader whale = newFundedTrader("2700"); // long 2 (130,000 USD): two thirds of the open interest
        trade(alice, whale, market, "2", "65000");
        Trader dave = newFundedTrader("1400");
        trade(alice, dave, market, "1", "65000");
        Trader erin = newFundedTrader("1400");
        trade(alice, erin, other, "1", "65000");

        SocketClient socket = SocketClient.connect(port);
        socket.ask("{\"op\":\"subscribe\",\"channel\":\"status\"}", "subscribed");
        healthyAt(market, "64300"); // the whale is under water, dave not yet
        assertThat(liquidations(whale)).hasSize(1);
        JsonNode tripped = socket.next("circuitBreaker");
        assertThat(tripped.path("liquidationsPaused").asBoolean()).isTrue();
        assertThat(tripped.path("market").asString()).isEqualTo(market);
        JsonNode status =
                api.get("/api/v1/system/status", null).assertStatus(200).json();
        assertThat(status.path("liquidationsPaused").asBoolean()).isTrue();
        JsonNode paused = marketStatus(status, market);
        assertThat(paused.path("liquidationsPaused").asBoolean()).isTrue();
        assertThat(paused.path("liquidationsPausedReason").asString()).contains("bps of " + market + " open interest");
        assertThat(marketStatus(status, other).path("liquidationsPaused").asBoolean())
                .isFalse();
        assertThat(metrics())
                .contains("bulwark_liquidation_breaker_trips_total{market=\"" + market + "\"} 1.0")
                .contains("bulwark_market_liquidations_paused{market=\"" + market + "\"} 1.0")
                .contains("bulwark_liquidations_paused 1.0");

        healthyAt(market, "64000");
        assertThat(liquidations(dave)).as("paused in its market").isEmpty();
        healthyAt(other, "64000");
        assertThat(liquidations(erin)).as("another market liquidates as before").hasSize(1);

        postEmpty("/api/v1/admin/liquidations/resume?market=" + market, dave.apiKey())
                .assertStatus(403);
        postEmpty("/api/v1/admin/liquidations/resume?market=" + other, ADMIN_KEY)
                .assertProblem(409, "INVALID_TRANSITION");
        postEmpty("/api/v1/admin/liquidations/resume?market=NOPE-USD-PERP", ADMIN_KEY)
                .assertProblem(404, "UNKNOWN_MARKET");
        postEmpty("/api/v1/admin/liquidations/resume?market=", ADMIN_KEY).assertProblem(400, "VALIDATION_FAILED");
        ApiClient.Response resumed = postEmpty("/api/v1/admin/liquidations/resume?market=" + market, ADMIN_KEY)
                .assertStatus(200);
        JsonNode resumedMessage = socket.next("circuitBreaker");
        assertThat(resumedMessage.path("liquidationsPaused").asBoolean()).isFalse();
        assertThat(resumedMessage.path("market").asString()).isEqualTo(market);
        socket.close();
        assertThat(resumed.json()
                        .path("pausedMarkets")
                        .valueStream()
                        .map(m -> m.path("market").asString()))
                .doesNotContain(market);
        assertThat(marketStatus(api.get("/api/v1/system/status", null).json(), market)
                        .path("liquidationsPaused")
                        .asBoolean())
                .isFalse();

        healthyAt(market, "64000");
        assertThat(liquidations(dave)).as("resumed").hasSize(1);
    }

    private static JsonNode marketStatus(JsonNode status, String market) {
        return status.path("markets")
                .valueStream()
                .filter(m -> m.path("market").asString().equals(market))
                .findFirst()
                .orElseThrow();
    }
}
