package io.bulwark.web.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.bulwark.journal.EngineUnavailableException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketMessage;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Per-market fan-out: every subscriber gets a snapshot, then every later update exactly once, with a
 * per-market sequence that has no gaps, however subscriptions and publications interleave.
 */
class MarketChannelTests {
    private static final String MARKET = "BTC-USD-PERP";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ACK = "{\"type\":\"subscribed\"}";

    private final SocketMetrics metrics = new SocketMetrics(new SimpleMeterRegistry());
    private final ServerMessages messages = new ServerMessages(JSON);

    record Level(String price, String size) {}

    record BookUpdate(List<Level> bids, long journalSequence) {}

    /** What the fake engine's book contains: the number of updates it has caused up to a sequence. */
    record BookSnapshot(long updatesIncluded) {}

    /** A client that records every JSON message it is sent. */
    static final class Recorder implements OutboundQueue.Sink {
        final List<JsonNode> received = new CopyOnWriteArrayList<>();
        volatile CloseStatus closed;

        @Override
        public void send(WebSocketMessage<?> message) {
            if (message instanceof TextMessage text) {
                received.add(JSON.readTree(text.getPayload()));
            }
        }

        @Override
        public void close(CloseStatus status) {
            closed = status;
        }

        List<JsonNode> channelMessages() {
            return received.stream()
                    .filter(m -> !m.path("type").asString().equals("subscribed"))
                    .toList();
        }
    }

    /**
     * A stand-in for the engine and the journal: the engine applies commands ahead of the journal, which
     * commits them in batches and then publishes their updates. Command {@code j} causes {@code j % 3}
     * updates of the market, so update and journal sequences differ.
     */
    static final class FakeExchange {
        final AtomicLong applied = new AtomicLong();

        static int updatesOf(long journalSequence) {
            return (int) (journalSequence % 3);
        }

        static long updatesThrough(long journalSequence) {
            long total = 0;
            for (long j = 1; j <= journalSequence; j++) {
                total += updatesOf(j);
            }
            return total;
        }

        SnapshotSource snapshots() {
            return new SnapshotSource() {
                @Override
                public String channel() {
                    return "orderbook";
                }

                @Override
                public MarketSnapshot snapshot(String market) {
                    long at = applied.get();
                    return new MarketSnapshot(at, 1_700_000_000_000L + at, new BookSnapshot(updatesThrough(at)));
                }
            };
        }

        /**
         * Applies, commits and publishes {@code batches} batches of 1 to 8 commands. {@code midCommit} runs
         * while a batch is applied but only partly published (the moment a snapshot runs ahead of the
         * updates), with the batch number.
         */
        void run(MarketChannels channels, int batches, IntConsumer midCommit) {
            long previousBatchEnd = 0;
            long next = 1;
            for (int b = 0; b < batches; b++) {
                long end = next + ThreadLocalRandom.current().nextInt(8);
                applied.set(end);
                // The commit: only now are the updates published. The socket feed, another listener, learns
                // that the previous batch is fully published before or after this batch's updates go out.
                boolean feedFirst = ThreadLocalRandom.current().nextBoolean();
                if (feedFirst) {
                    channels.publishedThrough(previousBatchEnd);
                }
                long pauseAt = next + ThreadLocalRandom.current().nextLong(end - next + 1);
                for (long j = next; j <= end; j++) {
                    if (j == pauseAt) {
                        midCommit.accept(b);
                    }
                    for (int u = 0; u < updatesOf(j); u++) {
                        channels.orderbook()
                                .publish(
                                        MARKET,
                                        j,
                                        1_700_000_000_000L + j,
                                        new BookUpdate(List.of(new Level("65000.5", "1.25")), j));
                    }
                }
                if (!feedFirst) {
                    channels.publishedThrough(previousBatchEnd);
                }
                previousBatchEnd = end;
                next = end + 1;
            }
            channels.publishedThrough(previousBatchEnd);
        }
    }

    private ClientSession session(String name, Recorder sink, int capacity) {
        return new ClientSession(name, new OutboundQueue(name, capacity, sink, metrics, Duration.ofMillis(200)));
    }

    @Test
    void everySubscriberGetsASnapshotThenGapFreeUpdates() throws Exception {
        FakeExchange exchange = new FakeExchange();
        MarketChannels channels = new MarketChannels(messages, List.of(exchange.snapshots()), 100_000);
        List<Recorder> recorders = new CopyOnWriteArrayList<>();
        // Some subscribe exactly while a batch is half published, the others whenever their thread runs.
        IntConsumer subscribeMidCommit = batch -> {
            if (batch % 50 == 0) {
                channels.orderbook().subscribe(newSubscriber(recorders), MARKET, ACK);
            }
        };
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> journal = threads.submit(() -> exchange.run(channels, 1_000, subscribeMidCommit));
            List<Future<?>> subscribers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ClientSession session = newSubscriber(recorders);
                subscribers.add(threads.submit(() -> {
                    Thread.sleep(ThreadLocalRandom.current().nextInt(10));
                    channels.orderbook().subscribe(session, MARKET, ACK);
                    return null;
                }));
            }
            journal.get();
            for (Future<?> subscriber : subscribers) {
                subscriber.get();
            }
        }
        long total = channels.orderbook().sequence(MARKET);
        assertThat(total).isEqualTo(FakeExchange.updatesThrough(exchange.applied.get()));

        assertThat(recorders).hasSize(28);
        for (Recorder recorder : recorders) {
            await().atMost(Duration.ofSeconds(20))
                    .pollInterval(Duration.ofMillis(10))
                    .until(() -> lastSequence(recorder) == total);
            assertSnapshotThenContiguousUpdates(recorder.channelMessages(), total);
        }
    }

    private ClientSession newSubscriber(List<Recorder> recorders) {
        Recorder recorder = new Recorder();
        recorders.add(recorder);
        return session("s" + recorders.size(), recorder, 1_000_000);
    }

    private static long lastSequence(Recorder recorder) {
        List<JsonNode> received = recorder.channelMessages();
        return received.isEmpty() ? -1 : received.getLast().path("sequence").asLong();
    }

    private static void assertSnapshotThenContiguousUpdates(List<JsonNode> received, long total) {
        JsonNode snapshot = received.getFirst();
        assertThat(snapshot.path("type").asString()).isEqualTo("snapshot");
        assertThat(snapshot.path("channel").asString()).isEqualTo("orderbook");
        assertThat(snapshot.path("market").asString()).isEqualTo(MARKET);
        long through = snapshot.path("journalSequence").asLong();
        // The snapshot's sequence is exactly the number of updates it contains.
        assertThat(snapshot.path("sequence").asLong())
                .isEqualTo(snapshot.path("updatesIncluded").asLong());
        long expected = snapshot.path("sequence").asLong();
        for (JsonNode update : received.subList(1, received.size())) {
            assertThat(update.path("type").asString()).isEqualTo("update");
            assertThat(update.path("sequence").asLong()).isEqualTo(++expected);
            assertThat(update.path("journalSequence").asLong()).isGreaterThan(through);
            assertThat(update.path("bids").get(0).path("price").asString()).isEqualTo("65000.5");
        }
        assertThat(expected).isEqualTo(total);
    }

    @Test
    void withoutSnapshotsASubscriberGetsTheUpdatesAfterItSubscribed() {
        MarketChannels channels = new MarketChannels(messages, List.of(), 1_000);
        MarketChannel trades = channels.trades();
        trades.publish(MARKET, 1, 1_000, new BookUpdate(List.of(), 1));
        Recorder recorder = new Recorder();
        trades.subscribe(session("late", recorder, 100), MARKET, ACK);

        trades.publish(MARKET, 2, 2_000, new BookUpdate(List.of(), 2));
        trades.publish(MARKET, 4, 4_000, new BookUpdate(List.of(), 4));

        await().until(() -> recorder.received.size() == 3);
        assertThat(recorder.received.getFirst().path("type").asString()).isEqualTo("subscribed");
        List<JsonNode> updates = recorder.channelMessages();
        assertThat(updates).extracting(m -> m.path("type").asString()).containsOnly("trade");
        assertThat(updates).extracting(m -> m.path("sequence").asLong()).containsExactly(2L, 3L);
        assertThat(updates).extracting(m -> m.path("journalSequence").asLong()).containsExactly(2L, 4L);
        assertThat(updates.getFirst().path("time").asString()).isEqualTo("1970-01-01T00:00:02Z");
    }

    @Test
    void aSnapshotWaitsUntilEveryUpdateItContainsIsPublished() {
        FakeExchange exchange = new FakeExchange();
        MarketChannels channels = new MarketChannels(messages, List.of(exchange.snapshots()), 1_000);
        // The engine is at 5; the journal has published nothing of it yet.
        exchange.applied.set(5);
        Recorder recorder = new Recorder();
        channels.orderbook().subscribe(session("early", recorder, 100), MARKET, ACK);
        await().until(() -> !recorder.received.isEmpty());

        for (long j = 1; j <= 5; j++) {
            for (int u = 0; u < FakeExchange.updatesOf(j); u++) {
                channels.orderbook().publish(MARKET, j, j, new BookUpdate(List.of(), j));
            }
        }
        assertThat(recorder.channelMessages()).isEmpty();
        channels.publishedThrough(5);

        await().until(() -> recorder.channelMessages().size() == 1);
        JsonNode snapshot = recorder.channelMessages().getFirst();
        assertThat(snapshot.path("sequence").asLong()).isEqualTo(FakeExchange.updatesThrough(5));
        assertThat(snapshot.path("journalSequence").asLong()).isEqualTo(5);
    }

    @Test
    void disconnectsASlowSubscriberAndKeepsServingTheOthers() {
        MarketChannels channels = new MarketChannels(messages, List.of(), 1_000);
        OutboundQueueTests.NeverDrains stuck = new OutboundQueueTests.NeverDrains();
        ClientSession slow =
                new ClientSession("slow", new OutboundQueue("slow", 4, stuck, metrics, Duration.ofMillis(100)));
        Recorder recorder = new Recorder();
        channels.prices().subscribe(slow, MARKET, ACK);
        channels.prices().subscribe(session("fast", recorder, 1_000), MARKET, ACK);

        for (long j = 1; j <= 50; j++) {
            channels.prices().publish(MARKET, j, j, new BookSnapshot(j));
        }

        assertThat(slow.isOpen()).isFalse();
        assertThat(stuck.closed.orTimeout(10, TimeUnit.SECONDS).join().getCode())
                .isEqualTo(1008);
        await().until(() -> recorder.channelMessages().size() == 50);
        assertThat(recorder.channelMessages().getLast().path("sequence").asLong())
                .isEqualTo(50);
        assertThat(channels.prices().subscriberCount(MARKET)).isEqualTo(1);
    }

    @Test
    void aFailedSnapshotLeavesNoSubscription() {
        SnapshotSource broken = new SnapshotSource() {
            @Override
            public String channel() {
                return "orderbook";
            }

            @Override
            public MarketSnapshot snapshot(String market) {
                throw new EngineUnavailableException("the engine is recovering");
            }
        };
        MarketChannels channels = new MarketChannels(messages, List.of(broken), 1_000);
        Recorder recorder = new Recorder();

        ProtocolException refused = assertThrows(
                ProtocolException.class,
                () -> channels.orderbook().subscribe(session("s", recorder, 100), MARKET, ACK));

        assertThat(refused.code()).isEqualTo(ErrorCode.UNAVAILABLE);
        assertThat(channels.orderbook().subscriberCount(MARKET)).isZero();
        assertThat(Optional.ofNullable(recorder.closed)).isEmpty();
    }
}
