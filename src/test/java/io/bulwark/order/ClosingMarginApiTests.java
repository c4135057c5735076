package io.bulwark.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.web.ApiClient;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, attack 1, as a client performs it: an account with 10,000 USD and a long of 1 BTC
 * placed twenty sells of 1 BTC, each alone "closing" the position; a colluding counterparty filled
 * them, the account went short 19 BTC under water and the liquidator vault covered its bad debt.
 * SPEC section 3 (v2): only what the account's other orders do not already close is exempt, and no
 * order may let the account's own fills leave it short of initial margin at the mark.
 */
class ClosingMarginApiTests extends TradingApiTestBase {

    @Test
    void twentyClosingSellsOfOneLongAreNotAllAcceptedAndTheVaultNeverPays() {
        String market = newMarket();
        Trader colluder = newFundedTrader("10000000");
        Trader victim = newFundedTrader("10000");
        markAt(market, "65000");
        trade(colluder, victim, market, "1", "65000");
        BigDecimal vaultBefore = vault();

        int accepted = 0;
        for (int i = 0; i < 20; i++) {
            ApiClient.Response answer = place(victim, Ticket.limit(market, "SELL", "1", "65100"));
            if (answer.status() == 201) {
                accepted++;
            } else {
                answer.assertProblem(422, "INSUFFICIENT_MARGIN");
            }
        }
        assertThat(accepted).as("before the fix all 20 were accepted").isEqualTo(6);

        assertThat(placed(colluder, Ticket.limit(market, "BUY", "20", "65100"))
                        .path("filledSize")
                        .asString())
                .isEqualTo("6");
        JsonNodeAssert.account(api.get("/api/v1/account", victim.apiKey())
                        .assertStatus(200)
                        .json())
                .hasNonNegative("freeCollateral");
        assertThat(api.get("/api/v1/liquidations", victim.apiKey())
                        .assertStatus(200)
                        .json()
                        .isEmpty())
                .isTrue();
        assertThat(vault()).isEqualByComparingTo(vaultBefore);
    }

    @Test
    void aRestingOrderFarFromTheMarkCannotHandTheAccountsEquityToACounterparty() {
        String market = newMarket();
        Trader colluder = newFundedTrader("10000000");
        Trader giver = newFundedTrader("10000");
        markAt(market, "65000");
        // its initial margin (0.02 × 32,500 × 10 = 6,500) fits, its fill at the mark would lose 325,000
        place(giver, Ticket.limit(market, "SELL", "10", "32500")).assertProblem(422, "INSUFFICIENT_MARGIN");
        String small = placed(giver, Ticket.limit(market, "SELL", "0.2", "32500"))
                .path("orderId")
                .asString();
        // an amend is held to the same rule
        api.patch("/api/v1/orders/" + small, giver.apiKey(), "{\"size\":\"5\"}")
                .assertProblem(422, "INSUFFICIENT_MARGIN");
        placed(colluder, Ticket.limit(market, "BUY", "1", "65000"));
        assertThat(api.get("/api/v1/liquidations", giver.apiKey())
                        .assertStatus(200)
                        .json()
                        .isEmpty())
                .isTrue();
    }

    private BigDecimal vault() {
        return new BigDecimal(
                api.get("/api/v1/admin/vault", ADMIN_KEY).assertStatus(200).text("balance"));
    }

    /** Small assertions on an account representation. */
    private record JsonNodeAssert(tools.jackson.databind.JsonNode node) {
        static JsonNodeAssert account(tools.jackson.databind.JsonNode node) {
            return new JsonNodeAssert(node);
        }

        void hasNonNegative(String field) {
            assertThat(new BigDecimal(node.path(field).asString())).as(field).isNotNegative();
        }
    }
}
