package io.bulwark.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.bulwark.web.ApiClient;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code POST /api/v1/orders/cancel-after} (SPEC section 10 v2) against the running service: engine time is
 * the wall clock here and the sequencer journals a Tick every second, so a 1-second switch fires within a
 * few seconds without any other request; every live order of the caller's account (conditional ones too)
 * ends CANCELLED with reason DEAD_MAN_SWITCH, and nobody else's.
 */
class DeadMansSwitchApiTests extends TradingApiTestBase {
    private static final String PATH = "/api/v1/orders/cancel-after";

    private static String seconds(int seconds) {
        return "{\"seconds\":" + seconds + "}";
    }

    @Test
    void armedItCancelsEveryLiveOrderOfTheAccountAtTheDeadlineAndNothingElse() {
        String market = newMarket();
        Trader alice = newFundedTrader("100000");
        Trader bob = newFundedTrader("100000");
        placed(alice, Ticket.limit(market, "BUY", "0.1", "60000"));
        placed(alice, Ticket.triggered(market, "SELL", "STOP_MARKET", "0.1", "50000"));
        String bobs = placed(bob, Ticket.limit(market, "BUY", "0.1", "59000"))
                .path("orderId")
                .asString();

        JsonNode armed =
                api.post(PATH, alice.apiKey(), seconds(1)).assertStatus(200).json();
        Instant deadline = Instant.parse(armed.path("deadline").asString());
        assertThat(armed.path("deadlineEpochMillis").asLong()).isEqualTo(deadline.toEpochMilli());
        assertThat(deadline).isAfter(Instant.now().minusSeconds(60));

        await().atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> liveOrderIds(alice).isEmpty());
        JsonNode cancelled =
                api.get("/api/v1/orders?status=CANCELLED", alice.apiKey()).json();
        assertThat(cancelled).hasSize(2);
        cancelled.forEach(o -> {
            assertThat(o.path("cancelReason").asString()).isEqualTo("DEAD_MAN_SWITCH");
            assertThat(Instant.parse(o.path("updatedAt").asString())).isAfterOrEqualTo(deadline);
        });
        assertThat(liveOrderIds(bob)).containsExactly(bobs);
        assertThat(api.get(PATH, alice.apiKey()).json().path("deadline").isNull())
                .as("fired: disarmed")
                .isTrue();
    }

    @Test
    void armingAgainMovesTheDeadlineAndZeroDisarms() {
        String market = newMarket();
        Trader alice = newFundedTrader("100000");
        placed(alice, Ticket.limit(market, "BUY", "0.1", "60000"));

        long first = api.post(PATH, alice.apiKey(), seconds(600))
                .assertStatus(200)
                .json()
                .path("deadlineEpochMillis")
                .asLong();
        long second = api.post(PATH, alice.apiKey(), seconds(600))
                .assertStatus(200)
                .json()
                .path("deadlineEpochMillis")
                .asLong();
        assertThat(second).isGreaterThanOrEqualTo(first);
        assertThat(api.get(PATH, alice.apiKey())
                        .json()
                        .path("deadlineEpochMillis")
                        .asLong())
                .isEqualTo(second);

        JsonNode disarmed =
                api.post(PATH, alice.apiKey(), seconds(0)).assertStatus(200).json();
        assertThat(disarmed.has("deadline")).isTrue();
        assertThat(disarmed.path("deadline").isNull()).isTrue();
        assertThat(api.get(PATH, alice.apiKey()).json().path("deadline").isNull())
                .isTrue();
        assertThat(liveOrderIds(alice)).hasSize(1);
    }

    @Test
    void badSecondsAreACoded400AndChangeNothing() {
        Trader alice = newTrader();
        String key = alice.apiKey();
        for (String body : new String[] {
            seconds(601),
            seconds(-1),
            "{\"seconds\":1.5}",
            "{\"seconds\":\"abc\"}",
            "{\"seconds\":null}",
            "{}",
            "{\"seconds\":10,\"accountId\":\"1\"}",
            "{\"seconds\":99999999999}",
            "[]",
            ""
        }) {
            ApiClient.Response response = api.post(PATH, key, body);
            assertThat(response.status()).as(body).isEqualTo(400);
            assertThat(response.text("code")).as(body).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(api.get(PATH, key).json().path("deadline").isNull()).isTrue();
    }

    @Test
    void armingNeedsTheTradeScopeAndOnlyEverArmsTheKeysOwnAccount() {
        Trader alice = newTrader();
        String readOnly = api.post(
                        "/api/v1/admin/accounts/" + alice.accountId() + "/keys", ADMIN_KEY, "{\"scopes\":[\"READ\"]}")
                .assertStatus(201)
                .text("apiKey");
        api.post(PATH, readOnly, seconds(10)).assertProblem(403, "SCOPE_REQUIRED");
        api.post(PATH, null, seconds(10)).assertProblem(401, "UNAUTHENTICATED");
        api.get(PATH, readOnly).assertStatus(200);

        Trader bob = newTrader();
        api.post(PATH, bob.apiKey(), seconds(600)).assertStatus(200);
        assertThat(api.get(PATH, alice.apiKey()).json().path("deadline").isNull())
                .as("bob's switch is bob's")
                .isTrue();
        api.post(PATH, bob.apiKey(), seconds(0)).assertStatus(200);
    }
}
