package io.bulwark.journal;

import io.bulwark.engine.command.Command;
import io.bulwark.engine.event.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Engine and journal meters: commands by type and result, apply and commit latency, batch size. */
final class JournalMetrics {
    private final MeterRegistry registry;
    private final Timer commit;
    private final DistributionSummary batchSize;
    private final Timer apply;
    private final ConcurrentHashMap<String, Counter> commands = new ConcurrentHashMap<>();

    JournalMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.commit = Timer.builder("bulwark.journal.commit")
                .description("Group-commit transaction time")
                .publishPercentiles(0.5, 0.99, 0.999)
                .register(registry);
        this.batchSize = DistributionSummary.builder("bulwark.journal.batch.size")
                .description("Commands per group commit")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        this.apply = Timer.builder("bulwark.engine.apply")
                .description("Time the engine takes to apply one command")
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
