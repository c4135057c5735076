package io.bulwark.recovery;

import io.bulwark.journal.EngineGateway;
import io.bulwark.journal.JournalAudit;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Runs the integrity checks against one engine sequence: the engine's own checks (ledger
 * conservation, open interest, settlement identity, sane prices), a side replay of the journal that
 * must reproduce the live state hash, and the balances read model agreeing with the engine.
 * Publishes {@code bulwark_integrity{check}} = 1 when a check passed on its last run, else 0.
 */
@Service
class IntegrityService {
    private static final List<String> ENGINE_CHECKS =
            List.of("ledger-conservation", "open-interest-balance", "settlement-account", "prices-sane");

    private final EngineGateway gateway;
    private final JournalAudit audit;
    private final JdbcTemplate jdbc;
    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> gauges = new ConcurrentHashMap<>();

    IntegrityService(EngineGateway gateway, JournalAudit audit, JdbcTemplate jdbc, MeterRegistry registry) {
        this.gateway = gateway;
        this.audit = audit;
        this.jdbc = jdbc;
        this.registry = registry;
    }

    private record Live(long sequence, String stateHash, List<String> problems, Map<String, BigDecimal> balances) {}

    IntegrityReport run() {
        Live live = gateway.query(
                v -> new Live(v.lastSequence(), v.stateHash(), v.integrityProblems(), v.ledgerBalances()));
        List<IntegrityReport.Check> checks = new ArrayList<>();
        String[] keywords = {"ledger", "open interest", "settlement", "index price"};
        for (int i = 0; i < ENGINE_CHECKS.size(); i++) {
            String keyword = keywords[i];
            List<String> found =
                    live.problems().stream().filter(p -> p.contains(keyword)).toList();
            checks.add(new IntegrityReport.Check(
                    ENGINE_CHECKS.get(i), found.isEmpty(), found.isEmpty() ? "ok" : String.join("; ", found)));
        }
        JournalAudit.Replay replay = audit.replayThrough(live.sequence());
        boolean sameHash = replay.verified() && replay.stateHash().equals(live.stateHash());
        checks.add(new IntegrityReport.Check(
                "replay-hash",
                sameHash,
                sameHash
                        ? "replay of the journal through " + live.sequence() + " reproduces state hash "
                                + live.stateHash()
                        : "live " + live.stateHash() + ", replayed " + replay.stateHash() + ": " + replay.detail()));
        checks.add(readModels(live));
        checks.forEach(c -> gauge(c.name()).set(c.ok() ? 1 : 0));
        return new IntegrityReport(checks.stream().allMatch(IntegrityReport.Check::ok), live.sequence(), checks);
    }

    /** Balance rows written at or before the checked sequence must equal the engine's ledger. */
    private IntegrityReport.Check readModels(Live live) {
        List<String> mismatches = new ArrayList<>();
        jdbc.query(
                "SELECT account, balance FROM balances WHERE updated_sequence <= ?",
                rs -> {
                    String account = rs.getString(1);
                    BigDecimal stored = rs.getBigDecimal(2);
                    BigDecimal engine = live.balances().get(account);
                    if (engine == null || engine.compareTo(stored) != 0) {
                        mismatches.add(account + ": table " + stored.toPlainString() + ", engine "
                                + (engine == null ? "none" : engine.toPlainString()));
                    }
                },
                live.sequence());
        return new IntegrityReport.Check(
                "read-models",
                mismatches.isEmpty(),
                mismatches.isEmpty()
                        ? "balances agree with the engine"
                        : String.join("; ", mismatches.subList(0, Math.min(10, mismatches.size()))));
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
