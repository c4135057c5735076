package io.bulwark.journal;

import static io.bulwark.journal.JournalHarness.applied;
import static io.bulwark.journal.JournalHarness.awaitRole;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.command.CreateAccount;
import io.bulwark.engine.event.Outcome;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A listener the callers wait for ({@link JournalListener#beforeReplies()}, the API-key cache) has heard of a
 * commit when its reply arrives; the other listeners (WebSocket feeds) do not hold the reply up.
 */
class ListenerOrderTests {
    private final JournalHarness db = new JournalHarness();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void stopAll() {
        release.countDown();
        db.close();
    }

    @Test
    void aListenerTheCallersWaitForIsToldBeforeTheReplyTheOthersAfter() throws Exception {
        Set<Long> heard = ConcurrentHashMap.newKeySet();
        JournalListener cache = new JournalListener() {
            @Override
            public void onCommitted(List<Committed> batch) {
                batch.forEach(c -> heard.add(c.sequence()));
            }

            @Override
            public boolean beforeReplies() {
                return true;
            }
        };
        AtomicBoolean hold = new AtomicBoolean();
        CountDownLatch feedHeld = new CountDownLatch(1);
        AtomicBoolean feedDone = new AtomicBoolean();
        JournalListener feed = batch -> {
            if (hold.get()) {
                feedHeld.countDown();
                awaitRelease();
                feedDone.set(true);
            }
        };
        EngineSupervisor writer = db.start("a", 0, List.of(), List.of(cache, feed));
        awaitRole(writer, NodeStatus.Role.WRITER);
        hold.set(true);

        Outcome.Applied created = applied(writer, new CreateAccount("alice", "key_alice", "hash_alice"));

        assertThat(heard).contains(created.sequence());
        // The reply came before the other listener was done: it is told after the replies leave.
        assertThat(feedDone).isFalse();
        assertThat(feedHeld.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(feedDone).isFalse();
    }

    private void awaitRelease() {
        try {
            release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
