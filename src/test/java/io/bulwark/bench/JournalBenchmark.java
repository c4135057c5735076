package io.bulwark.bench;

import io.bulwark.BulwarkApplication;
import io.bulwark.engine.command.CreateAccount;
import io.bulwark.engine.command.Deposit;
import io.bulwark.engine.event.AccountCreated;
import io.bulwark.engine.event.Outcome;
import io.bulwark.journal.EngineGateway;
import io.bulwark.journal.NodeStatus;
import io.bulwark.journal.ReadModels;
import io.bulwark.testsupport.TestPostgres;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * W2 journal throughput: closed-loop clients submit deposits straight to the engine gateway of a
 * running (in-process) Bulwark; every acknowledgement means a durable group commit in PostgreSQL (the
 * read models follow off the commit path: the projector's lag at the end of the load is printed too). Prints commands/s and submit-to-ack latency percentiles.
 *
 * <pre>
 * ./mvnw -q test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.bulwark.bench.JournalBenchmark -Dexec.args="64 20"
 * </pre>
 *
 * Arguments: clients (default 64), measured seconds (default 20). The database comes from
 * TEST_DB_URL (a fresh database is created on that server) or an embedded PostgreSQL.
 */
public final class JournalBenchmark {
    private JournalBenchmark() {}

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 64;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        String url = TestPostgres.createDatabase();
        ConfigurableApplicationContext app = new SpringApplicationBuilder(BulwarkApplication.class)
                .run(
                        "--server.port=0",
                        "--spring.datasource.url=" + url,
                        "--spring.datasource.username=" + TestPostgres.username(),
                        "--spring.datasource.password=" + TestPostgres.password(),
                        "--bulwark.embedded-db.enabled=false",
                        "--bulwark.admin-key=bwk_benchmark_admin_key_0000000000000000000000",
                        "--bulwark.oracle.simulated=false",
                        "--logging.level.root=WARN");
        try {
            EngineGateway gateway = app.getBean(EngineGateway.class);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (gateway.nodeStatus().role() != NodeStatus.Role.WRITER && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            List<String> accounts = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                Outcome.Applied created = (Outcome.Applied)
                        gateway.submit(new CreateAccount("bench-" + i, "key_bench" + i, "hash_bench" + i), "bench");
                accounts.add(((AccountCreated) created.events().getFirst()).accountId());
            }
            run(gateway, accounts, 5, "warm-up");
            Result result = run(gateway, accounts, seconds, "measured");
            MeterRegistry registry = app.getBean(MeterRegistry.class);
            // The read models are written off the commit path: how far behind the load left them.
            double lag = registry.get("bulwark.projector.lag").gauge().value();
            long drainStarted = System.nanoTime();
            app.getBean(ReadModels.class).awaitCurrent(java.time.Duration.ofMinutes(5));
            System.out.printf(
                    "W2 projector: %.0f commands behind at the end of the load, caught up %.0f ms later%n",
                    lag, (System.nanoTime() - drainStarted) / 1e6);
            var commit = registry.get("bulwark.journal.commit").timer().takeSnapshot();
            var batch = registry.get("bulwark.journal.batch.size").summary();
            System.out.printf(
                    "W2 journal: %d clients, %d s: %,.0f commands/s durable; ack latency p50 %.2f ms, p99 %.2f ms,"
                            + " p99.9 %.2f ms; mean batch %.1f commands; commit p99 %s%n",
                    clients,
                    seconds,
                    result.perSecond(),
                    result.percentile(0.50),
                    result.percentile(0.99),
                    result.percentile(0.999),
                    batch.mean(),
                    Arrays.stream(commit.percentileValues())
                            .filter(p -> p.percentile() == 0.99)
                            .map(ValueAtPercentile::value)
                            .map(ns -> String.format("%.2f ms", ns / 1e6))
                            .findFirst()
                            .orElseGet(() -> bucketP99(commit)));
        } finally {
            app.close();
        }
    }

    /** The commit p99 from the histogram buckets (the timer publishes buckets, not percentiles): an upper bound. */
    private static String bucketP99(io.micrometer.core.instrument.distribution.HistogramSnapshot commit) {
        double wanted = 0.99 * commit.count();
        for (var bucket : commit.histogramCounts()) {
            if (bucket.count() >= wanted) {
                return String.format("<= %.2f ms (bucket)", bucket.bucket(TimeUnit.MILLISECONDS));
            }
        }
        return "n/a";
    }

    private record Result(double perSecond, long[] latenciesNanos) {
        double percentile(double p) {
            long[] sorted = latenciesNanos.clone();
            Arrays.sort(sorted);
            return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, p * sorted.length)] / 1e6;
        }
    }

    private static Result run(EngineGateway gateway, List<String> accounts, int seconds, String phase)
            throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder done = new LongAdder();
        List<long[]> samples = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < accounts.size(); c++) {
            String account = accounts.get(c);
            long[] latencies = new long[2_000_000 / accounts.size() + 1];
            samples.add(latencies);
            int client = c;
            threads.add(Thread.ofVirtual().start(() -> {
                int n = 0;
                while (!stop.get()) {
                    long started = System.nanoTime();
                    gateway.submit(new Deposit(account, BigDecimal.ONE, phase + "-" + client + "-" + n), "bench");
                    if (n < latencies.length) {
                        latencies[n] = System.nanoTime() - started;
                    }
                    n++;
                    done.increment();
                }
            }));
        }
        long started = System.nanoTime();
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        stop.set(true);
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - started) / 1e9;
        long[] all = samples.stream()
                .flatMapToLong(Arrays::stream)
                .filter(v -> v > 0)
                .toArray();
        return new Result(done.sum() / elapsed, all);
    }
}
