package io.bulwark.bench;

import java.lang.management.ManagementFactory;

/**
 * W1's cost per command in the two measures that hold up on a loaded machine: bytes the engine thread
 * allocates and engine-thread CPU time, per command of {@link EngineBenchmark}'s place / amend / cancel
 * mix (wall-clock ops/s fall with every other process on the cores; these much less). Arguments: rounds,
 * calls per round (3 commands each); read the last rounds, after the JIT has settled.
 *
 * <pre>
 * ./mvnw -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.bulwark.bench.EngineCost -Dexec.args="7 60000"
 * </pre>
 */
public final class EngineCost {
    private EngineCost() {}

    public static void main(String[] args) {
        int rounds = Integer.parseInt(args[0]);
        int calls = Integer.parseInt(args[1]);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int r = 0; r < rounds; r++) {
            EngineBenchmark bench = new EngineBenchmark();
            bench.setUp();
            long bytes = threads.getCurrentThreadAllocatedBytes();
            long cpu = threads.getCurrentThreadCpuTime();
            Object last = null;
            for (int i = 0; i < calls; i++) {
                last = bench.placeAmendCancel();
            }
            long commands = 3L * calls;
            double cpuNanos = (threads.getCurrentThreadCpuTime() - cpu) / (double) commands;
            System.out.printf(
                    "round %d: %d bytes/command, %.0f ns CPU/command (%.0fK commands per CPU-second)%s%n",
                    r,
                    (threads.getCurrentThreadAllocatedBytes() - bytes) / commands,
                    cpuNanos,
                    1e6 / cpuNanos,
                    last == null ? " (no outcome)" : "");
        }
    }
}
