package io.bulwark.fault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Polls the roles of the live instances of a writer race. */
final class WriterPool {
    private final List<ServiceProcess> live;
    private final Duration startupLimit;

    WriterPool(List<ServiceProcess> live, Duration startupLimit) {
        this.live = live;
        this.startupLimit = startupLimit;
    }

    /** The one live instance reporting WRITER, once exactly one does; empty if not within the startup limit. */
    Optional<ServiceProcess> awaitSingleWriter() {
        long deadline = System.nanoTime() + startupLimit.toNanos();
        while (System.nanoTime() < deadline) {
            List<ServiceProcess> writers = live.stream()
                    .filter(p -> p.status()
                            .filter(s -> "WRITER".equals(s.path("role").asString()))
                            .isPresent())
                    .toList();
            if (writers.size() == 1) {
                return Optional.of(writers.getFirst());
            }
            FaultRun.sleep(Duration.ofMillis(20));
        }
        return Optional.empty();
    }

    /** Waits until at least {@code count} live instances answer their status. */
    boolean awaitAnswering(int count) {
        long deadline = System.nanoTime() + startupLimit.toNanos();
        while (System.nanoTime() < deadline) {
            if (live.stream().filter(p -> p.status().isPresent()).count() >= count) {
                return true;
            }
            FaultRun.sleep(Duration.ofMillis(100));
        }
        return false;
    }

    String roles() {
        return live.stream().map(p -> p.name() + "=" + p.role().orElse("-")).collect(Collectors.joining(", "));
    }
}
