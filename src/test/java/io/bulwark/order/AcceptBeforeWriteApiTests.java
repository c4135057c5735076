package io.bulwark.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.web.ApiClient;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A request whose {@code Accept} rules out JSON and problem+json is refused 406 before anything is done:
 * before, an order was placed and then answered 406, which a bot reads as a failure and sends again.
 */
class AcceptBeforeWriteApiTests extends TradingApiTestBase {
    private ApiClient.Response post(Trader trader, Ticket ticket, String accept) {
        HttpRequest.Builder request = api.request("/api/v1/orders", trader.apiKey())
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .POST(HttpRequest.BodyPublishers.ofString(ticket.json()));
        return api.send(request);
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/xml", "text/html", "application/json;q=0", "not a media type"})
    void anOrderWhoseAnswerCannotBeReadIsNotPlaced(String accept) {
        String market = newMarket();
        markAt(market, "100");
        Trader trader = newFundedTrader("10000");
        ApiClient.Response refused = post(trader, Ticket.limit(market, "BUY", "1", "90"), accept);
        assertThat(refused.status()).isEqualTo(406);
        assertThat(refused.headers().firstValue("Location")).isEmpty();
        assertThat(liveOrderIds(trader)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/*", "application/*", "application/json", "application/problem+json, text/html;q=0.5"})
    void anAcceptThatAllowsJsonPlacesTheOrder(String accept) {
        String market = newMarket();
        markAt(market, "100");
        Trader trader = newFundedTrader("10000");
        assertThat(post(trader, Ticket.limit(market, "BUY", "1", "90"), accept).status())
                .isEqualTo(201);
        assertThat(liveOrderIds(trader)).hasSize(1);
    }

    @Test
    void aMissingKeyIsStillUnauthenticatedFirst() {
        HttpRequest.Builder request = api.request("/api/v1/orders", null)
                .header("Content-Type", "application/json")
                .header("Accept", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("{}"));
        assertThat(api.send(request).status()).isEqualTo(401);
    }
}
