package io.bulwark.fault;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.Test;

/**
 * Writer races (issue 6): {@code fault.writer.instances} instances (separate processes) on one database,
 * {@code fault.writer.rounds} rounds. Each round finds exactly one WRITER, then kills it ({@code kill -9},
 * odd rounds) or freezes it ({@code SIGSTOP}, even rounds) with deposits in flight, and measures the time
 * until exactly one other instance is WRITER under a higher epoch. A frozen writer is then resumed: it must
 * not journal anything after the takeover (fencing epoch), and every deposit any instance acknowledged must
 * be in the journal. A replacement instance starts in the background each round.
 */
class WriterRaceFaultTests {
    private static final String ADMIN_KEY = "bwk_fault_race_admin_key_00000000000000000000000";
    private static final Duration TAKEOVER_LIMIT = Duration.ofSeconds(10);
    private static final Duration STARTUP_LIMIT = Duration.ofSeconds(300);

    private final FaultRun run = new FaultRun("writer-race");
    private final int rounds = FaultRun.intSetting("fault.writer.rounds", 200);
    private final int instanceCount = FaultRun.intSetting("fault.writer.instances", 3);
    private final List<String> failures = new ArrayList<>();
    private final List<Long> takeoverMs = new ArrayList<>();
    private final ConcurrentLinkedQueue<String> acknowledgedDeposits = new ConcurrentLinkedQueue<>();
    private final List<ServiceProcess> live = new ArrayList<>();
    private int started;
    private long fencedCommits;
    private long refusedByFencedWriter;
    private long staleWriterReports;

    @Test
    void exactlyOneWriterTakesOverInTimeAndAFrozenOldWriterCommitsNothing() throws Exception {
        try (ScratchPostgres pg = ScratchPostgres.create()) {
            String database = pg.createDatabase("race");
            WriterPool pool = new WriterPool(live, STARTUP_LIMIT);
            try {
                for (int i = 0; i < instanceCount; i++) {
                    startInstance(database, pg.username());
                }
                ServiceProcess first = pool.awaitSingleWriter().orElseThrow();
                String accountId = first.api()
                        .post("/api/v1/admin/accounts", ADMIN_KEY, "{\"name\":\"race\"}")
                        .assertStatus(201)
                        .text("accountId");
                run.print("%d instances, %d rounds (odd: kill -9, even: SIGSTOP)", instanceCount, rounds);
                for (int round = 1; round <= rounds; round++) {
                    playRound(round, pool, database, pg.username(), accountId);
                }
                checkAcknowledgedDeposits(database, pg.username());
                printFigures();
            } finally {
                live.forEach(ServiceProcess::kill);
                failures.forEach(f -> run.print("FAILURE %s", f));
                run.save();
            }
        }
        assertThat(failures).isEmpty();
    }

    private void playRound(int round, WriterPool pool, String database, String user, String accountId)
            throws Exception {
        if (!pool.awaitAnswering(2)) {
            failures.add("round " + round + ": fewer than 2 instances answer");
            return;
        }
        var writer = pool.awaitSingleWriter();
        if (writer.isEmpty()) {
            failures.add("round " + round + ": not exactly one WRITER: " + pool.roles());
            return;
        }
        ServiceProcess old = writer.get();
        // The fencing epoch is the lease's (the status endpoint's epoch is the state epoch of rollbacks).
        long oldEpoch = queryLong(database, user, "SELECT epoch FROM writer_lease WHERE holder = '" + old.name() + "'");
        boolean freeze = round % 2 == 0;
        DepositTraffic traffic = null;
        if (freeze) {
            traffic = new DepositTraffic(old.api(), ADMIN_KEY, accountId, "race-" + round, 4, acknowledgedDeposits);
            FaultRun.sleep(Duration.ofMillis(300));
            old.pause();
        } else {
            old.kill();
        }
        long lost = System.nanoTime();
        live.remove(old);
        var successor = pool.awaitSingleWriter(); // the old writer is no longer among the live ones
        long ms = (System.nanoTime() - lost) / 1_000_000;
        if (successor.isEmpty()) {
            failures.add("round " + round + ": no single successor WRITER: " + pool.roles());
        } else {
            takeoverMs.add(ms);
            if (ms > TAKEOVER_LIMIT.toMillis()) {
                failures.add("round " + round + ": takeover took " + ms + " ms");
            }
        }
        String detail = "";
        if (freeze) {
            detail = resumeFencedWriter(old, oldEpoch, traffic, database, user, round);
        }
        startInstance(database, user);
        run.print(
                "round %d: %s %s (epoch %d), takeover %d ms%s",
                round, freeze ? "SIGSTOP" : "kill -9", old.name(), oldEpoch, ms, detail);
    }

    /** Resumes the frozen old writer after the takeover and checks it journaled nothing since. */
    private String resumeFencedWriter(
            ServiceProcess old, long oldEpoch, DepositTraffic traffic, String database, String user, int round)
            throws Exception {
        long takeoverSequence = queryLong(database, user, "SELECT coalesce(max(sequence), 0) FROM journal");
        old.resume();
        long resumed = System.nanoTime();
        long stale = 0;
        while (old.role().filter("WRITER"::equals).isPresent()
                && System.nanoTime() - resumed < Duration.ofSeconds(15).toNanos()) {
            stale++;
            FaultRun.sleep(Duration.ofMillis(20));
        }
        staleWriterReports += stale;
        long refusedBefore = traffic.refused();
        traffic.close();
        refusedByFencedWriter += traffic.refused() - refusedBefore;
        long late = queryLong(
                database,
                user,
                "SELECT count(*) FROM journal WHERE writer_epoch = " + oldEpoch + " AND sequence > "
                        + takeoverSequence);
        fencedCommits += late;
        if (late > 0) {
            failures.add("round " + round + ": fenced writer (epoch " + oldEpoch + ") journaled " + late + " rows");
        }
        old.kill();
        return ", resumed old writer: %d journal rows after takeover, %d stale WRITER reports, %d requests refused"
                .formatted(late, stale, traffic.refused());
    }

    private void startInstance(String database, String user) {
        started++;
        live.add(ServiceProcess.start("race-" + started, ScratchPostgres.freePort(), database, user, ADMIN_KEY));
    }

    private void checkAcknowledgedDeposits(String database, String user) throws SQLException {
        Set<String> journaled = new HashSet<>();
        try (Connection c = DriverManager.getConnection(database, user, "");
                PreparedStatement ps =
                        c.prepareStatement("SELECT command->>'reference' FROM journal WHERE command_type = 'Deposit'");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                journaled.add(rs.getString(1));
            }
        }
        long missing = acknowledgedDeposits.stream()
                .filter(r -> !journaled.contains(r))
                .count();
        if (missing > 0) {
            failures.add(missing + " acknowledged deposits are not in the journal");
        }
        run.print("acknowledged deposits: %d, missing from the journal: %d", acknowledgedDeposits.size(), missing);
    }

    private void printFigures() {
        List<Long> sorted = takeoverMs.stream().sorted().toList();
        run.print(
                "figures: rounds=%d takeovers=%d takeover ms min/median/max=%s/%s/%s over %d s=%d fenced commits=%d"
                        + " requests refused by fenced writers=%d stale WRITER reports=%d failures=%d",
                rounds,
                sorted.size(),
                sorted.isEmpty() ? "-" : sorted.getFirst(),
                sorted.isEmpty() ? "-" : sorted.get(sorted.size() / 2),
                sorted.isEmpty() ? "-" : sorted.getLast(),
                TAKEOVER_LIMIT.toSeconds(),
                sorted.stream().filter(ms -> ms > TAKEOVER_LIMIT.toMillis()).count(),
                fencedCommits,
                refusedByFencedWriter,
                staleWriterReports,
                failures.size());
    }

    private static long queryLong(String database, String user, String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(database, user, "");
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : -1;
        }
    }
}
