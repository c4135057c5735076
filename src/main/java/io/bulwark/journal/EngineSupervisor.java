package io.bulwark.journal;

import io.bulwark.engine.EngineView;
import io.bulwark.engine.Outcome;
import io.bulwark.engine.PublicView;
import io.bulwark.engine.command.ChangeTradingState;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.command.StartEngine;
import io.bulwark.engine.command.TakeSnapshot;
import io.bulwark.engine.state.TradingState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
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
 * startup tasks and serves as writer until the term ends, then goes back to standby. This is also the
 * {@link EngineGateway} the API uses.
 */
public class EngineSupervisor implements EngineGateway, SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(EngineSupervisor.class);
    static final String RECOVERY_ACTOR = ChangeTradingState.RECOVERY;

    private final JournalConnections connections;
    private final JournalProperties properties;
    private final JournalCodec codec = new JournalCodec();
    private final List<Projection> projections;
    private final List<JournalListener> listeners;
    private final List<WriterStartupTask> startupTasks;
    private final JournalMetrics metrics;
    private final Rollbacks rollbacks;
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
        this.projections = List.copyOf(projections);
        this.listeners = List.copyOf(listeners);
        this.startupTasks = List.copyOf(startupTasks);
        this.metrics = new JournalMetrics(registry);
        this.rollbacks = new Rollbacks(connections, codec, this.projections, this.listeners);
        this.instanceName = properties.instanceName().isBlank()
                ? ProcessHandle.current().pid() + "@" + hostName()
                : properties.instanceName();
        Gauge.builder("bulwark.writer.lease", () -> role(term) == NodeStatus.Role.WRITER ? 1 : 0)
                .description("1 while this instance holds the writer lease and serves as writer")
                .register(registry);
        Gauge.builder("bulwark.writer.epoch", () -> lastEpoch)
                .description("Fencing epoch of this instance's latest writer term")
                .register(registry);
        Gauge.builder("bulwark.recovery.verified", () -> recovery.verified() ? 1 : 0)
                .description("0 when the last recovery disagreed with the journal (the exchange stays CLOSED)")
                .register(registry);
        Gauge.builder(
                        "bulwark.engine.queue",
                        () -> Optional.ofNullable(term).map(WriterTerm::queued).orElse(0))
                .description("Commands and batches waiting for the engine or the journal")
                .register(registry);
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
        EngineGateway termGateway = new TermGateway(started);
        listeners.forEach(l -> l.onRecovered(termGateway));
        // Journaled: prices carried over are distrusted until fresh ones confirm them (SPEC section 6).
        started.submit(
                new StartEngine(
                        instanceName,
                        properties.fundingSampleSeconds(),
                        properties.liquidationBreaker().maxAccounts(),
                        properties.liquidationBreaker().maxOpenInterestBps(),
                        properties.maintenance().minPostOnlySeconds(),
                        properties.liquidationBreaker().minNotional(),
                        io.bulwark.engine.state.RuleSet.CURRENT,
                        properties.orders().maxOpenOrders(),
                        properties.orders().restingBandBps(),
                        properties.orders().clientOrderIdRetentionSeconds(),
                        properties.oracleSourceRetentionSeconds()),
                "system:start");
        if (!recovery.verified()) {
            closeExchange(started, "recovery could not be verified: " + recovery.detail());
        }
        startupTasks.forEach(t -> t.onWriterReady(termGateway));
        started.startClocks();
        role = NodeStatus.Role.WRITER;
        log.info("{} is the writer (epoch {})", instanceName, lease.epoch());
    }

    private WriterTerm begin(WriterLease lease) throws SQLException {
        RecoveredState recovered;
        try (Connection c = connections.open("recovery")) {
            recovered = new Recovery(codec).recover(c);
        }
        recovery = recovered.recovery();
        Optional<Throwable> lost = lease.lost();
        if (lost.isPresent()) {
            throw new FencedException("the writer lease was lost during recovery: " + lost.get());
        }
        WriterTerm[] self = new WriterTerm[1];
        JournalWriter writer = new JournalWriter(
                connections.openTimeLimited("journal"),
                lease.epoch(),
                recovered,
                // built before the engine thread starts, which then owns the engine
                recovered.engine().publicView(),
                codec,
                projections,
                listeners,
                metrics,
                properties.snapshotRetain(),
                e -> self[0].end(e));
        Sequencer sequencer = new Sequencer(
                recovered.engine(),
                writer,
                System::currentTimeMillis,
                properties.snapshotEveryCommands(),
                properties.engine().inboxCapacity(),
                metrics,
                e -> self[0].end(e));
        self[0] = new WriterTerm(lease, writer, sequencer, properties);
        self[0].startEngine();
        return self[0];
    }

    private static void closeExchange(WriterTerm term, String reason) {
        Outcome outcome = term.submit(
                new ChangeTradingState(ChangeTradingState.EXCHANGE, TradingState.CLOSED, reason, RECOVERY_ACTOR, false),
                RECOVERY_ACTOR);
        log.error("Exchange CLOSED: {} ({})", reason, outcome);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A gateway bound to one term, for the work done before the term is announced as WRITER. */
    private record TermGateway(WriterTerm term) implements EngineGateway {
        @Override
        public Outcome submit(Command command, String actor) {
            return term.submit(command, actor);
        }

        @Override
        public List<Outcome> submitAll(List<Command> commands, String actor) {
            return term.submitAll(commands, actor);
        }

        @Override
        public <T> T query(Function<EngineView, T> query) {
            return term.query(query);
        }

        @Override
        public PublicView publicView() {
            return term.publicView();
        }

        @Override
        public NodeStatus nodeStatus() {
            return new NodeStatus(
                    NodeStatus.Role.RECOVERING, term.epoch(), term.lastCommittedSequence(), NodeStatus.Recovery.NONE);
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
