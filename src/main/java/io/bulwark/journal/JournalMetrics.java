package io.bulwark.journal;

import io.bulwark.engine.command.Command;
import io.bulwark.engine.event.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Engine and journal meters: commands by type and result, apply and commit latency, batch size. The latencies
 * and the batch size are histograms ({@code _bucket} series, so percentiles aggregate across instances with
 * {@code histogram_quantile}); their minimum and maximum expected values bound the number of buckets.
 */
final class JournalMetrics {
    /**
     * Bucket bounds the commit-latency alert and dashboards rely on (50 ms: the p99 alert), added to the
     * percentile histogram's own buckets between its minimum and maximum expected values.
     */
    private static final Duration[] COMMIT_SLO = {Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100)};

    private final MeterRegistry registry;
    private final Timer commit;
    private final DistributionSummary batchSize;
    private final Timer apply;
    private final ConcurrentHashMap<String, Counter> commands = new ConcurrentHashMap<>();

    JournalMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.commit = Timer.builder("bulwark.journal.commit")
                .description("Group-commit transaction time, first statement to confirmed COMMIT")
                .publishPercentileHistogram()
                .serviceLevelObjectives(COMMIT_SLO)
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry);
        this.batchSize = DistributionSummary.builder("bulwark.journal.batch.size")
                .description("Commands per group commit")
                .publishPercentileHistogram()
                .minimumExpectedValue(1.0)
                .maximumExpectedValue(4096.0)
                .register(registry);
        this.apply = Timer.builder("bulwark.engine.apply")
                .description("Time the engine takes to apply one command")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(1_000))
                .maximumExpectedValue(Duration.ofMillis(100))
                .register(registry);
    }

    void committed(int commands, long nanos) {
        commit.record(nanos, TimeUnit.NANOSECONDS);
        batchSize.record(commands);
    }

    /** A command whose caller had given up before the engine reached it: dropped, never applied. */
    void dropped(Command command) {
        String type = JournalCodec.typeName(command);
        commands.computeIfAbsent(
                        type + "/dropped",
                        k -> Counter.builder("bulwark.commands")
                                .description("Commands taken by the engine, by type and result")
                                .tag("type", type)
                                .tag("result", "dropped")
                                .register(registry))
                .increment();
    }

    void applied(Command command, Outcome outcome, long nanos) {
        apply.record(nanos, TimeUnit.NANOSECONDS);
        String result = switch (outcome) {
            case Outcome.Applied a -> "applied";
            case Outcome.AlreadyApplied a -> "duplicate";
            case Outcome.Rejected r -> r.rejection().code().name();
        };
        String type = JournalCodec.typeName(command);
        commands.computeIfAbsent(
                        type + '/' + result,
                        k -> Counter.builder("bulwark.commands")
                                .description("Commands taken by the engine, by type and result")
                                .tag("type", type)
                                .tag("result", result)
                                .register(registry))
                .increment();
    }
}
