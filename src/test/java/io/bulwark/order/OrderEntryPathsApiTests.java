package io.bulwark.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.web.ApiClient;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /api/v1/orders} answers the same whether {@link OrderEntryShortcut} takes the order (no
 * {@code Accept}) or Spring MVC does (an {@code Accept} the shortcut leaves to it): status, headers but framing
 * and date, and body but the ids and times of the new order; for an order that rests, one that fills, and
 * one the engine refuses.
 */
class OrderEntryPathsApiTests extends TradingApiTestBase {
    private static final List<String> VARYING = List.of("date", "content-length", "transfer-encoding");

    private ApiClient.Response post(Trader trader, Ticket ticket, boolean shortcut) {
        HttpRequest.Builder request = api.request("/api/v1/orders", trader.apiKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ticket.json()));
        if (!shortcut) {
            request.header("Accept", "application/json, text/plain");
        }
        return api.send(request);
    }

    private static Map<String, List<String>> headers(ApiClient.Response response) {
        Map<String, List<String>> headers = new TreeMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!VARYING.contains(name.toLowerCase())) {
                headers.put(name.toLowerCase(), values);
            }
        });
        // The bucket refills with time, so two requests may see different counts; both must carry them.
        for (String counter : List.of("ratelimit-remaining", "ratelimit-reset")) {
            if (headers.containsKey(counter)) {
                headers.put(counter, List.of("N"));
            }
        }
        if (headers.containsKey("location")) {
            headers.put("location", List.of("/api/v1/orders/ID"));
        }
        return headers;
    }

    private static JsonNode body(ApiClient.Response response) {
        if (!(response.json() instanceof ObjectNode order)) {
            return response.json();
        }
        ObjectNode copy = order.deepCopy();
        for (String field : List.of("orderId", "createdAt", "updatedAt", "accountId")) {
            if (copy.has(field)) {
                copy.put(field, "X");
            }
        }
        if (copy.has("fills")) {
            copy.remove("fills");
            copy.put("fillCount", order.get("fills").size());
        }
        return copy;
    }

    private void sameBothWays(ApiClient.Response shortcut, ApiClient.Response mvc, int status) {
        assertThat(shortcut.status()).isEqualTo(status);
        assertThat(mvc.status()).isEqualTo(status);
        assertThat(headers(shortcut)).isEqualTo(headers(mvc));
        assertThat(body(shortcut)).isEqualTo(body(mvc));
    }

    @Test
    void restingFillingAndRefusedOrdersAnswerTheSameOnBothPaths() {
        String market = newMarket();
        markAt(market, "100");
        Trader seller = newFundedTrader("10000");
        Trader buyer = newFundedTrader("10000");
        Trader broke = newFundedTrader("0.01");

        ApiClient.Response restsShortcut = post(seller, Ticket.limit(market, "SELL", "1", "100"), true);
        ApiClient.Response restsMvc = post(seller, Ticket.limit(market, "SELL", "1", "100"), false);
        sameBothWays(restsShortcut, restsMvc, 201);
        assertThat(restsShortcut.headers().firstValue("Location"))
                .contains("/api/v1/orders/" + restsShortcut.text("orderId"));
        assertThat(restsShortcut.contentType()).isEqualTo("application/json");

        ApiClient.Response fillsShortcut = post(buyer, Ticket.limit(market, "BUY", "1", "100"), true);
        ApiClient.Response fillsMvc = post(buyer, Ticket.limit(market, "BUY", "1", "100"), false);
        sameBothWays(fillsShortcut, fillsMvc, 201);
        assertThat(fillsShortcut.text("status")).isEqualTo("FILLED");
        assertThat(fillsShortcut.get("fills").size()).isEqualTo(1);

        ApiClient.Response refusedShortcut = post(broke, Ticket.limit(market, "BUY", "10", "100"), true);
        ApiClient.Response refusedMvc = post(broke, Ticket.limit(market, "BUY", "10", "100"), false);
        sameBothWays(refusedShortcut, refusedMvc, 422);
        refusedShortcut.assertProblem(422, "INSUFFICIENT_MARGIN");

        Ticket retry = Ticket.limit(market, "SELL", "1", "101").clientOrderId("retry-1");
        post(seller, retry, true).assertStatus(201);
        sameBothWays(post(seller, retry, true), post(seller, retry, false), 200);
    }
}
