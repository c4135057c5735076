package io.bulwark.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The one decision about a submission: the engine claims it or its caller abandons it, never both. */
class PendingReplyTests {
    private static final long FAR = TimeUnit.HOURS.toNanos(1);

    @Test
    void aClaimedSubmissionCannotBeAbandoned() {
        PendingReply pending = PendingReply.until(System.nanoTime() + FAR);
        assertThat(pending.claim(System.nanoTime())).isTrue();
        assertThat(pending.abandon()).isFalse();
        assertThat(pending.future()).isNotDone();
    }

    @Test
    void anAbandonedSubmissionIsNeverClaimedAndItsCallerHearsItTimedOut() {
        PendingReply pending = PendingReply.until(System.nanoTime() + FAR);
        assertThat(pending.abandon()).isTrue();
        assertThat(pending.abandon()).isTrue();
        assertThat(pending.claim(System.nanoTime())).isFalse();
        assertThatThrownBy(() -> pending.future().get())
                .isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(CommandTimedOutException.class);
    }

    @Test
    void theEngineAbandonsASubmissionWhoseDeadlinePassedBeforeItsCallerNoticed() {
        long now = System.nanoTime();
        PendingReply pending = PendingReply.until(now);
        assertThat(pending.claim(now + 1)).isFalse();
        assertThat(pending.abandon())
                .as("the caller's own attempt agrees: never applied")
                .isTrue();
        assertThat(pending.future()).isCompletedExceptionally();
    }

    @Test
    void anUnboundedSubmissionIsClaimedWhenever() {
        assertThat(PendingReply.unbounded().claim(Long.MAX_VALUE)).isTrue();
    }

    @Test
    void racingThreadsNeverBothWin() throws InterruptedException {
        for (int round = 0; round < 2_000; round++) {
            PendingReply pending = PendingReply.until(System.nanoTime() + FAR);
            CountDownLatch go = new CountDownLatch(1);
            AtomicBoolean claimed = new AtomicBoolean();
            Thread engine = Thread.ofPlatform().start(() -> {
                await(go);
                claimed.set(pending.claim(System.nanoTime()));
            });
            go.countDown();
            boolean abandoned = pending.abandon();
            engine.join();
            assertThat(claimed.get()).as("round %d", round).isNotEqualTo(abandoned);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
