package io.bulwark.journal;

import io.bulwark.engine.EngineView;
import io.bulwark.engine.PublicView;
import io.bulwark.engine.command.ChangeTradingState;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.command.StartEngine;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.state.RuleSet;
import io.bulwark.engine.state.TradingState;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a writer term under a held lease: recovers the engine from the journal, starts the engine and
 * journal threads, then announces the term (listeners reload, StartEngine is journaled, startup tasks
 * run, clocks start). {@link EngineSupervisor} decides when; this is how.
 */
final class TermOpener {
    private static final Logger log = LoggerFactory.getLogger(TermOpener.class);
    private static final String RECOVERY_ACTOR = ChangeTradingState.RECOVERY;

    private final JournalConnections connections;
    private final JournalProperties properties;
    private final JournalCodec codec;
    private final List<Projection> projections;
    private final List<JournalListener> listeners;
    private final List<WriterStartupTask> startupTasks;
    private final JournalMetrics metrics;
    private final String instanceName;

    TermOpener(
            JournalConnections connections,
            JournalProperties properties,
            JournalCodec codec,
            List<Projection> projections,
            List<JournalListener> listeners,
            List<WriterStartupTask> startupTasks,
            JournalMetrics metrics,
            String instanceName) {
        this.connections = connections;
        this.properties = properties;
        this.codec = codec;
        this.projections = List.copyOf(projections);
        this.listeners = List.copyOf(listeners);
        this.startupTasks = List.copyOf(startupTasks);
        this.metrics = metrics;
        this.instanceName = instanceName;
    }

    RecoveredState recover() throws SQLException {
        try (Connection c = connections.open("recovery")) {
            return new Recovery(codec).recover(c);
        }
    }

    /** Starts the engine and journal threads on the recovered state, unless the lease was lost meanwhile. */
    WriterTerm start(WriterLease lease, RecoveredState recovered) throws SQLException {
        Optional<Throwable> lost = lease.lost();
        if (lost.isPresent()) {
            throw new FencedException("the writer lease was lost during recovery: " + lost.get());
        }
        WriterTerm[] self = new WriterTerm[1];
        Projector projector = new Projector(connections, codec, projections, () -> self[0].lastCommittedSequence());
        JournalWriter writer = newWriter(lease, recovered, projector, e -> self[0].end(e));
        PeriodicSnapshots snapshots = new PeriodicSnapshots(
                () -> connections.openTimeLimited("snapshots"),
                lease.epoch(),
                properties.snapshotRetain(),
                record -> self[0].submit(record, SnapshotRetention.PERIODIC_ACTOR));
        Sequencer sequencer = new Sequencer(
                recovered.engine(),
                writer,
                System::currentTimeMillis,
                properties.snapshotEveryCommands(),
                snapshots,
                properties.engine().inboxCapacity(),
                metrics,
                e -> self[0].end(e));
        self[0] = new WriterTerm(lease, writer, projector, sequencer, snapshots, properties);
        self[0].startEngine();
        return self[0];
    }

    /** The journal writer, on its two time-limited connections (one commits while the other is written). */
    private JournalWriter newWriter(
            WriterLease lease, RecoveredState recovered, Projector projector, Consumer<Throwable> onFailure)
            throws SQLException {
        Connection first = connections.openTimeLimited("journal");
        try {
            Connection second = connections.openTimeLimited("journal");
            try {
                return new JournalWriter(
                        first,
                        second,
                        lease.epoch(),
                        recovered,
                        // built before the engine thread starts, which then owns the engine
                        recovered.engine().publicView(),
                        codec,
                        projections,
                        projector,
                        listeners,
                        metrics,
                        properties.snapshotRetain(),
                        onFailure);
            } catch (SQLException | RuntimeException e) {
                second.close();
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            first.close();
            throw e;
        }
    }

    /** Listeners reload, StartEngine is journaled (the exchange CLOSED if unverified), startup tasks run, clocks start. */
    void announce(WriterTerm started, NodeStatus.Recovery recovery) {
        EngineGateway termGateway = new TermGateway(started);
        listeners.forEach(l -> l.onRecovered(termGateway));
        // Journaled: prices carried over are distrusted until fresh ones confirm them (SPEC section 6).
        started.submit(startEngine(), "system:start");
        if (!recovery.verified()) {
            closeExchange(started, "recovery could not be verified: " + recovery.detail());
        }
        startupTasks.forEach(t -> t.onWriterReady(termGateway));
        started.startClocks();
    }

    private StartEngine startEngine() {
        return new StartEngine(
                instanceName,
                properties.fundingSampleSeconds(),
                properties.liquidationBreaker().maxAccounts(),
                properties.liquidationBreaker().maxOpenInterestBps(),
                properties.maintenance().minPostOnlySeconds(),
                properties.liquidationBreaker().minNotional(),
                RuleSet.CURRENT,
                properties.orders().maxOpenOrders(),
                properties.orders().restingBandBps(),
                properties.orders().clientOrderIdRetentionSeconds(),
                properties.oracleSourceRetentionSeconds());
    }

    private static void closeExchange(WriterTerm term, String reason) {
        Outcome outcome = term.submit(
                new ChangeTradingState(ChangeTradingState.EXCHANGE, TradingState.CLOSED, reason, RECOVERY_ACTOR, false),
                RECOVERY_ACTOR);
        log.error("Exchange CLOSED: {} ({})", reason, outcome);
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
}
