package io.bulwark.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.command.PostOraclePrices;
import io.bulwark.engine.event.OraclePriceRejected;
import io.bulwark.engine.event.Outcome;
import io.bulwark.order.TradingApiTestBase;
import io.bulwark.web.ApiClient;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The attack of issue 11 item 4, second half: a withdrawal accepted against unrealized gains at a mark
 * that was not healthy. SPEC section 3 v2: while a market's price is not healthy, its unrealized gains
 * do not count toward what a withdrawal may take; losses always count.
 */
class UnhealthyGainsWithdrawalTests extends TradingApiTestBase {

    private ApiClient.Response withdraw(Trader trader, String amount, String reference) {
        return api.post(
                "/api/v1/withdrawals",
                trader.apiKey(),
                "{\"amount\":\"" + amount + "\",\"reference\":\"" + reference + "\"}");
    }

    private boolean priceHealthy(String market) {
        return api.get("/api/v1/markets/" + market, null)
                .assertStatus(200)
                .get("priceHealthy")
                .asBoolean();
    }

    /** One update from the feed: {@code ageMillis} old (over 30 s is refused STALE, an anomaly). */
    private Outcome.Applied feed(String market, String price, long ageMillis) {
        Outcome outcome = gateway.submit(
                new PostOraclePrices(List.of(new PostOraclePrices.Quote(
                        market, "test-feed", price, System.currentTimeMillis() - ageMillis))),
                "test");
        assertThat(outcome).isInstanceOf(Outcome.Applied.class);
        return (Outcome.Applied) outcome;
    }

    /**
     * Alice goes long 1 at 65,000 against Bob and the mark rises to 70,000: 5,000 unrealized gain, 1,400
     * initial margin, 32.5 taker fee, so 13,567.5 free collateral. Then the feed has an anomaly (a stale
     * update is refused) and is confirmed by only two updates: the price is not healthy. Before the fix
     * the whole 13,567.5 was paid out (201); now only the 8,567.5 not backed by the gain is, until the
     * price is healthy again.
     */
    @Test
    void aGainAtAnUnhealthyMarkCannotBeWithdrawnUntilThePriceIsHealthy() {
        String market = newMarket();
        markAt(market, "65000");
        Trader alice = newFundedTrader("10000");
        Trader bob = newFundedTrader("100000");
        trade(bob, alice, market, "1", "65000");
        markAt(market, "70000");
        ApiClient.Response account = api.get("/api/v1/account", alice.apiKey()).assertStatus(200);
        assertThat(account.text("unrealizedPnl")).isEqualTo("5000");
        assertThat(account.text("freeCollateral")).isEqualTo("13567.5");

        assertThat(feed(market, "70000", 60_000).events()).anyMatch(OraclePriceRejected.class::isInstance);
        feed(market, "70000", 0);
        feed(market, "70000", 0);
        assertThat(priceHealthy(market)).isFalse();

        withdraw(alice, "13567.5", "take-the-gain").assertProblem(422, "INSUFFICIENT_MARGIN");
        withdraw(alice, "8567.500001", "take-the-gain").assertProblem(422, "INSUFFICIENT_MARGIN");
        assertBalance(alice, "9967.5");
        assertThat(api.get("/api/v1/account", alice.apiKey()).text("freeCollateral"))
                .as("order margin still counts the gain")
                .isEqualTo("13567.5");
        withdraw(alice, "8567.5", "collateral").assertStatus(201);
        // Losses count whatever the health: Bob (short, 5,000 down, 13 maker fee) gets no more than free.
        withdraw(bob, "93587.000001", "bobs").assertProblem(422, "INSUFFICIENT_MARGIN");

        feed(market, "70000", 0); // the third consecutive accepted update: healthy again
        assertThat(priceHealthy(market)).isTrue();
        withdraw(alice, "5000.000001", "take-the-gain").assertProblem(422, "INSUFFICIENT_MARGIN");
        withdraw(alice, "5000", "take-the-gain").assertStatus(201);
        withdraw(bob, "93587", "bobs").assertStatus(201);
    }
}
