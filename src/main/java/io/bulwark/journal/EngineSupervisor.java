package io.bulwark.journal;

import io.bulwark.engine.EngineView;
import io.bulwark.engine.PublicView;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.command.TakeSnapshot;
import io.bulwark.engine.event.Outcome;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the writer election for this instance: as a standby it polls for the writer lease; once it has
 * the lease it recovers the engine from the journal, starts the engine and journal threads, runs the
 * startup tasks ({@link TermOpener}) and serves as writer until the term ends, then goes back to standby. This is also the
 * {@link EngineGateway} the API uses.
 */
public class EngineSupervisor implements EngineGateway, SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(EngineSupervisor.class);

    private final JournalConnections connections;
    private final JournalProperties properties;
    private final Rollbacks rollbacks;
    private final TermOpener opener;
    private final String instanceName;
    private volatile boolean running;
    private volatile Thread election;
    private volatile WriterTerm term;
    private volatile NodeStatus.Role role = NodeStatus.Role.STANDBY;
    private volatile NodeStatus.Recovery recovery = NodeStatus.Recovery.NONE;
    private volatile long lastEpoch;

    public EngineSupervisor(
            JournalConnections connections,
            JournalProperties properties,
            List<Projection> projections,
            List<JournalListener> listeners,
            List<WriterStartupTask> startupTasks,
            MeterRegistry registry) {
        this.connections = connections;
        this.properties = properties;
        JournalCodec codec = new JournalCodec();
        JournalMetrics metrics = new JournalMetrics(registry);
        this.rollbacks = new Rollbacks(connections, codec, List.copyOf(projections), List.copyOf(listeners));
        this.instanceName = properties.instanceName().isBlank()
                ? ProcessHandle.current().pid() + "@" + hostName()
                : properties.instanceName();
        this.opener = new TermOpener(
                connections, properties, codec, projections, listeners, startupTasks, metrics, instanceName);
        registerGauges(registry);
    }

    private void registerGauges(MeterRegistry registry) {
        Gauge.builder("bulwark.writer.lease", () -> role(term) == NodeStatus.Role.WRITER ? 1 : 0)
                .description("1 while this instance holds the writer lease and serves as writer")
                .register(registry);
        Gauge.builder("bulwark.writer.epoch", () -> lastEpoch)
                .description("Fencing epoch of this instance's latest writer term")
                .register(registry);
        Gauge.builder("bulwark.recovery.verified", () -> recovery.verified() ? 1 : 0)
                .description("0 when the last recovery disagreed with the journal (the exchange stays CLOSED)")
                .register(registry);
        Gauge.builder("bulwark.projector.lag", this::projectorLag)
                .description("Committed commands the read-model projector has not written yet (0 when no writer term"
                        + " runs here)")
                .register(registry);
        Gauge.builder(
                        "bulwark.engine.queue",
                        () -> Optional.ofNullable(term).map(WriterTerm::queued).orElse(0))
                .description("Commands and batches waiting for the engine or the journal")
                .register(registry);
    }

    /** The writer term running here, or null. */
    WriterTerm currentTerm() {
        return term;
    }

    /** Committed commands not yet in the read models, while a writer term runs here; else 0. */
    long projectorLag() {
        WriterTerm current = term;
        if (current == null) {
            return 0;
        }
        return Math.max(0, current.lastCommittedSequence() - current.projector().watermark());
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }

    // ---- EngineGateway -------------------------------------------------------------------------

    @Override
    public Outcome submit(Command command, String actor) {
        return writerTerm().submit(command, actor);
    }

    @Override
    public List<Outcome> submitAll(List<Command> commands, String actor) {
        return writerTerm().submitAll(commands, actor);
    }

    @Override
    public <T> T query(Function<EngineView, T> query) {
        return writerTerm().query(query);
    }

    @Override
    public PublicView publicView() {
        return writerTerm().publicView();
    }

    private WriterTerm writerTerm() {
        WriterTerm current = term;
        return switch (role(current)) {
            case WRITER -> current;
            case RECOVERING -> throw new EngineUnavailableException("the engine is recovering from the journal");
            case STANDBY -> throw new NotWriterException();
        };
    }

    /**
     * Rolls the exchange back to a snapshot (SPEC section 9): only while the exchange is CLOSED. Blocks
     * until the new writer term, recovered from the journal that now ends with the RollBack row, serves.
     *
     * @throws RollbackRefusedException when refused; nothing changed then
     */
    public RollbackResult rollback(String snapshotId, String reason, String actor) {
        writerTerm();
        return rollbacks.request(lastEpoch, snapshotId, reason, actor);
    }

    @Override
    public NodeStatus nodeStatus() {
        WriterTerm current = term;
        long committed = current != null ? current.lastCommittedSequence() : 0;
        return new NodeStatus(role(current), lastEpoch, committed, recovery);
    }

    /** The role as others should see it: a writer whose lease went unproven too long is not one (yet). */
    private NodeStatus.Role role(WriterTerm current) {
        NodeStatus.Role now = role;
        if (now == NodeStatus.Role.WRITER && (current == null || !current.leaseConfirmed())) {
            return NodeStatus.Role.STANDBY;
        }
        return now;
    }

    // ---- election ------------------------------------------------------------------------------

    private void elect() {
        while (running) {
            try {
                Optional<WriterLease> lease = WriterLease.tryAcquire(
                        connections, instanceName, properties.lease().staleAfter());
                if (lease.isPresent()) {
                    serve(lease.get());
                }
            } catch (SQLException | RuntimeException e) {
                log.warn("Writer election failed, retrying: {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (running) {
                sleep(properties.lease().pollInterval().toMillis());
            }
        }
    }

    private void serve(WriterLease lease) throws InterruptedException {
        role = NodeStatus.Role.RECOVERING;
        lastEpoch = lease.epoch();
        lease.keepAlive(properties.lease().heartbeatInterval());
        WriterTerm current = null;
        try {
            current = begin(lease);
            open(current, lease);
            while (true) {
                Optional<Rollbacks.Job> job = rollbacks.awaitEndOrRequest(current);
                if (job.isEmpty()) {
                    break;
                }
                Optional<RollbackResult> result =
                        rollbacks.run(job.get(), current, () -> role = NodeStatus.Role.RECOVERING);
                if (!current.stopped()) {
                    continue; // refused before anything stopped: the same term serves on
                }
                current = null; // halted, but the lease is still ours: a new term continues under it
                current = begin(lease);
                open(current, lease);
                result.ifPresent(r -> job.get().done().complete(r));
            }
            Throwable cause = current.ended().getNow(null);
            log.info("Writer term {} ended{}", lease.epoch(), cause == null ? "" : ": " + cause);
        } catch (SQLException | RuntimeException e) {
            log.error("Could not serve as writer", e);
        } finally {
            role = NodeStatus.Role.STANDBY;
            term = null;
            rollbacks.failPending();
            if (current != null) {
                current.close();
            } else {
                lease.close();
            }
        }
    }

    /** Announces a recovered term: listeners reload, StartEngine is journaled, startup tasks run, clocks start. */
    private void open(WriterTerm started, WriterLease lease) {
        term = started;
        opener.announce(started, recovery);
        role = NodeStatus.Role.WRITER;
        log.info("{} is the writer (epoch {})", instanceName, lease.epoch());
    }

    private WriterTerm begin(WriterLease lease) throws SQLException {
        RecoveredState recovered = opener.recover();
        recovery = recovered.recovery();
        return opener.start(lease, recovered);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- lifecycle -----------------------------------------------------------------------------

    @Override
    public void start() {
        running = true;
        election = Thread.ofPlatform().name("bulwark-election").start(this::elect);
    }

    /** Graceful: a last snapshot, then the engine drains, the journal commits, the lease is released. */
    @Override
    public void stop() {
        running = false;
        WriterTerm current = term;
        if (current != null && role == NodeStatus.Role.WRITER) {
            try {
                current.submit(new TakeSnapshot("shutdown"), SnapshotRetention.SHUTDOWN_ACTOR);
            } catch (RuntimeException e) {
                log.warn("No shutdown snapshot: {}", e.getMessage());
            }
            current.end(null);
        }
        Thread thread = election;
        if (thread != null) {
            if (current == null) {
                thread.interrupt();
            }
            try {
                thread.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Stops after the web server has stopped taking requests, starts before it. */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }
}
