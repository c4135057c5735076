package io.bulwark.recovery;

import io.bulwark.engine.EngineView.HeldPosition;
import io.bulwark.engine.EngineView.MarketView;
import io.bulwark.engine.FrozenState;
import io.bulwark.engine.snapshot.CanonicalWriter;
import io.bulwark.journal.EngineGateway;
import io.bulwark.journal.JournalAudit;
import io.bulwark.journal.ReadModels;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Runs the integrity checks against one engine sequence (SPEC section 9): the engine's own checks
 * (ledger conservation, open interest, settlement identity, sane prices and funding indices), a side
 * replay of the journal from the latest snapshot that must reproduce the live state hash, funding
 * index continuity, and the balances and positions read models agreeing with the engine. Run on
 * demand, at start, before leaving CLOSED and periodically. Publishes {@code bulwark_integrity{check}}
 * = 1 when a check passed on its last run, else 0.
 */
@Service
public class IntegrityService {
    /** The engine's checks, each with the words its problems contain. */
    private static final List<String[]> ENGINE_CHECKS = List.of(
            new String[] {"ledger-conservation", "ledger"},
            new String[] {"open-interest-balance", "open interest"},
            new String[] {"settlement-account", "settlement"},
            new String[] {"prices-sane", "index price"},
            new String[] {"funding-indices-sane", "funding index"});

    private final EngineGateway gateway;
    private final JournalAudit audit;
    /** The read models are compared only once the projector has written them through the live sequence. */
    private static final Duration PROJECTOR_WAIT = Duration.ofMinutes(5);

    private final ReadModels projected;
    private final ReadModelChecks readModels;
    private final FundingContinuity funding;
    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> gauges = new ConcurrentHashMap<>();

    IntegrityService(
            EngineGateway gateway,
            JournalAudit audit,
            JdbcTemplate jdbc,
            ReadModels projected,
            MeterRegistry registry) {
        this.gateway = gateway;
        this.projected = projected;
        this.audit = audit;
        this.readModels = new ReadModelChecks(jdbc);
        this.funding = new FundingContinuity(jdbc);
        this.registry = registry;
    }

    private record Live(
            long sequence,
            FrozenState state,
            List<String> problems,
            Map<String, BigDecimal> balances,
            List<HeldPosition> positions,
            List<MarketView> markets) {}

    public IntegrityReport run() {
        return run(gateway);
    }

    /** Runs every check through {@code engine} (a writer term's gateway, before it is announced). */
    public IntegrityReport run(EngineGateway engine) {
        // A query is answered after everything before it is committed: the sequence is durable.
        Live live = engine.query(v -> new Live(
                v.lastSequence(),
                // Frozen on the engine thread (cheap), hashed here: the engine does not wait for the serializing.
                v.freeze(),
                v.integrityProblems(),
                v.ledgerBalances(),
                v.heldPositions(),
                v.markets()));
        List<IntegrityReport.Check> checks = new ArrayList<>();
        for (String[] check : ENGINE_CHECKS) {
            List<String> found =
                    live.problems().stream().filter(p -> p.contains(check[1])).toList();
            checks.add(ReadModelChecks.check(check[0], found, "ok"));
        }
        String liveHash = CanonicalWriter.sha256(live.state().bytes());
        JournalAudit.Replay replay = audit.replayThrough(live.sequence());
        boolean sameHash = replay.verified() && replay.stateHash().equals(liveHash);
        checks.add(new IntegrityReport.Check(
                "replay-hash",
                sameHash,
                sameHash
                        ? "replay of the journal through " + live.sequence() + " reproduces state hash " + liveHash
                                + evidenceNote(replay)
                        : "live " + liveHash + ", replayed " + replay.stateHash() + ": " + replay.detail()));
        projected.awaitCurrent(PROJECTOR_WAIT);
        checks.add(funding.check(live.sequence(), live.markets()));
        checks.add(readModels.balances(live.sequence(), live.balances()));
        checks.add(readModels.positions(live.sequence(), live.positions()));
        checks.forEach(c -> gauge(c.name()).set(c.ok() ? 1 : 0));
        return new IntegrityReport(
                checks.stream().allMatch(IntegrityReport.Check::ok), live.sequence(), checks, replay.evidence());
    }

    private static String evidenceNote(JournalAudit.Replay replay) {
        return replay.evidence().isEmpty()
                ? ""
                : "; " + replay.evidence().size()
                        + " reverted journal rows were altered after they were written, kept as evidence";
    }

    private AtomicInteger gauge(String check) {
        return gauges.computeIfAbsent(check, name -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder("bulwark.integrity", value, AtomicInteger::get)
                    .description("1 when the integrity check passed on its last run")
                    .tag("check", name)
                    .register(registry);
            return value;
        });
    }
}
