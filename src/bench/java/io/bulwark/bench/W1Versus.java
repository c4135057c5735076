package io.bulwark.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * W1 realistic against exchange-core in one JMH-driven run (ops/bench/run-w1.sh): {@link
 * RealisticEngineBenchmark} forks on this JVM, {@link ExchangeCoreBenchmark} on {@code -Dw1.ecJvm} (a JDK
 * 17: exchange-core 0.5.3's chronicle 2.19 cannot initialise on JDK 25), both with the same holder counts
 * and JMH options; then a table of both scores and their ratio per holder count.
 *
 * <p>Arguments are JMH's own ({@code -f 1 -wi 3 -i 5 -w 2 -r 2 -p holders=1000,10000}); the benchmark
 * selection is fixed.
 */
public final class W1Versus {
    private W1Versus() {}

    public static void main(String[] args) throws Exception {
        CommandLineOptions cli = new CommandLineOptions(args);
        String ecJvm = System.getProperty("w1.ecJvm", "/usr/lib/jvm/java-17-openjdk-amd64/bin/java");
        Collection<RunResult> bulwark = new Runner(new OptionsBuilder()
                        .parent(cli)
                        .include(RealisticEngineBenchmark.class.getName() + ".mix")
                        .build())
                .run();
        ChainedOptionsBuilder ec =
                new OptionsBuilder().parent(cli).include(ExchangeCoreBenchmark.class.getName() + ".mix");
        Collection<RunResult> exchangeCore = new Runner(ec.jvm(ecJvm).build()).run();

        Map<Integer, double[]> byHolders = new TreeMap<>();
        collect(bulwark, byHolders, 0);
        collect(exchangeCore, byHolders, 1);
        List<String> lines = new ArrayList<>();
        lines.add(String.format(
                "%-8s %14s %14s %8s   %14s %14s %8s",
                "holders",
                "Bulwark ops/s",
                "e-core ops/s",
                "ratio",
                "Bulwark /cpu-s",
                "e-core /cpu-s",
                "ratio"));
        byHolders.forEach((holders, s) -> lines.add(String.format(
                "%-8d %14.0f %14.0f %8.3f   %14.0f %14.0f %8.3f",
                holders,
                s[0],
                s[1],
                s[0] / s[1],
                s[2],
                s[3],
                s[2] / s[3])));
        System.out.println();
        System.out.println("W1 realistic: Bulwark engine vs exchange-core 0.5.3 margin pipeline. ops/s: JMH's"
                + " primary score (wall clock); /cpu-s: commands per second of the benchmark process's CPU time"
                + " (all its threads, JIT and GC included), less sensitive to other load on the machine");
        lines.forEach(System.out::println);
    }

    private static void collect(Collection<RunResult> results, Map<Integer, double[]> into, int column) {
        for (RunResult r : results) {
            int holders = Integer.parseInt(r.getParams().getParam("holders"));
            double[] row = into.computeIfAbsent(holders, h -> new double[4]);
            row[column] = r.getPrimaryResult().getScore();
            double ops = r.getSecondaryResults().get("ops").getScore();
            double cpuMicros = r.getSecondaryResults().get("cpuMicros").getScore();
            row[2 + column] = cpuMicros > 0 ? ops / cpuMicros * 1e6 : Double.NaN;
        }
    }
}
