package io.bulwark.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.order.TradingApiTestBase;
import io.bulwark.web.socket.SocketClient;
import java.math.BigDecimal;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Public reads (SPEC section 10, v2 Limits) are served from the view the engine publishes after each
 * commit, never from a query queued behind orders: they answer while the engine thread is held, and each
 * one carries the sequence it reflects.
 */
class PublicReadsTests extends TradingApiTestBase {

    @Test
    void publicReadsAnswerWhileTheEngineThreadIsHeld() throws Exception {
        String market = newMarket();
        markAt(market, "65000");
        Trader alice = newFundedTrader("100000");
        Trader bob = newFundedTrader("100000");
        long resting = placed(alice, Ticket.limit(market, "BUY", "0.5", "64000"))
                .path("orderId")
                .asLong();

        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // A query holds the engine thread (the API's own way in), as a long queue of orders would.
        CompletableFuture<Long> holder = CompletableFuture.supplyAsync(() -> gateway.query(view -> {
            held.countDown();
            awaitQuietly(release);
            return view.lastSequence();
        }));
        SocketClient watcher = null;
        try {
            assertThat(held.await(10, TimeUnit.SECONDS))
                    .as("the engine thread runs the holding query")
                    .isTrue();
            CompletableFuture<ApiClient.Response> queuedOrder =
                    CompletableFuture.supplyAsync(() -> place(bob, Ticket.limit(market, "SELL", "0.2", "66000")));

            JsonNode status =
                    api.get("/api/v1/system/status", null).assertStatus(200).json();
            assertThat(status.path("role").asString()).isEqualTo("WRITER");
            assertThat(status.path("markets").findValuesAsString("market")).contains(market);
            assertThat(api.get("/api/v1/markets", null).assertStatus(200).json().findValuesAsString("market"))
                    .contains(market);
            assertThat(api.get("/api/v1/markets/" + market, null)
                            .assertStatus(200)
                            .text("markPrice"))
                    .isEqualTo("65000");
            JsonNode book = api.get("/api/v1/markets/" + market + "/orderbook", null)
                    .assertStatus(200)
                    .json();
            assertThat(book.path("bids").toString()).isEqualTo("[[\"64000\",\"0.5\"]]");
            assertThat(book.path("asks").size()).isZero();
            assertThat(book.path("sequence").asLong()).isGreaterThanOrEqualTo(resting);
            api.get("/api/v1/markets/" + market + "/trades", null).assertStatus(200);
            api.get("/api/v1/markets/" + market + "/funding", null).assertStatus(200);
            api.get("/api/v1/markets/NOPE-USD-PERP/orderbook", null).assertProblem(404, "UNKNOWN_MARKET");

            watcher = SocketClient.connect(port);
            watcher.ask("{\"op\":\"subscribe\",\"channel\":\"orderbook\",\"market\":\"" + market + "\"}", "subscribed");
            JsonNode snapshot = watcher.next("snapshot");
            assertThat(snapshot.path("bids").toString()).isEqualTo("[[\"64000\",\"0.5\"]]");
            assertThat(snapshot.path("journalSequence").asLong())
                    .isEqualTo(book.path("sequence").asLong());

            assertThat(holder)
                    .as("every read above was answered while the engine was held")
                    .isNotDone();
            assertThat(queuedOrder).as("the order waits behind the held engine").isNotDone();
            release.countDown();

            long sold = queuedOrder
                    .get(10, TimeUnit.SECONDS)
                    .assertStatus(201)
                    .json()
                    .path("orderId")
                    .asLong();
            JsonNode update = watcher.next("update");
            assertThat(update.path("sequence").asLong())
                    .as("the first update follows the snapshot without a gap")
                    .isEqualTo(snapshot.path("sequence").asLong() + 1);
            assertThat(update.path("journalSequence").asLong()).isEqualTo(sold);
            assertThat(update.path("asks").toString()).isEqualTo("[[\"66000\",\"0.2\"]]");
            JsonNode after = api.get("/api/v1/markets/" + market + "/orderbook", null)
                    .assertStatus(200)
                    .json();
            assertThat(after.path("asks").toString()).isEqualTo("[[\"66000\",\"0.2\"]]");
            assertThat(after.path("sequence").asLong()).isGreaterThanOrEqualTo(sold);
        } finally {
            release.countDown();
            if (watcher != null) {
                watcher.close();
            }
        }
        assertThat(holder.get(10, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(resting);
    }

    @Test
    void eachAcknowledgedCommandIsInTheNextPublicRead() {
        String market = newMarket();
        markAt(market, "65000");
        Trader alice = newFundedTrader("100000");
        Trader bob = newFundedTrader("100000");
        for (int i = 1; i <= 5; i++) {
            long orderId = placed(alice, Ticket.limit(market, "BUY", "0.1", "6400" + i))
                    .path("orderId")
                    .asLong();
            JsonNode book = api.get("/api/v1/markets/" + market + "/orderbook?depth=1", null)
                    .assertStatus(200)
                    .json();
            assertThat(book.path("sequence").asLong()).isGreaterThanOrEqualTo(orderId);
            assertThat(book.path("bids").toString()).isEqualTo("[[\"6400" + i + "\",\"0.1\"]]");
        }

        trade(bob, alice, market, "0.3", "65000");
        assertThat(new BigDecimal(api.get("/api/v1/markets/" + market, null)
                        .assertStatus(200)
                        .text("openInterest")))
                .isEqualByComparingTo("0.3");
        String cancelled = liveOrderIds(alice).getFirst();
        api.delete("/api/v1/orders/" + cancelled, alice.apiKey()).assertStatus(200);
        assertThat(api.get("/api/v1/markets/" + market + "/orderbook", null)
                        .assertStatus(200)
                        .json()
                        .path("bids")
                        .size())
                .isEqualTo(4);

        api.put(
                        "/api/v1/admin/markets/" + market + "/state",
                        ADMIN_KEY,
                        "{\"state\":\"POST_ONLY\",\"reason\":\"public view test\"}")
                .assertStatus(200);
        assertThat(api.get("/api/v1/markets/" + market, null).assertStatus(200).text("state"))
                .isEqualTo("POST_ONLY");
        JsonNode status =
                api.get("/api/v1/system/status", null).assertStatus(200).json();
        JsonNode mine = null;
        for (JsonNode m : status.path("markets")) {
            if (m.path("market").asString().equals(market)) {
                mine = m;
            }
        }
        assertThat(mine).isNotNull();
        assertThat(mine.path("state").asString()).isEqualTo("POST_ONLY");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
