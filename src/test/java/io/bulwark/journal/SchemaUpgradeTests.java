package io.bulwark.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.engine.TradingFloor;
import io.bulwark.engine.command.ChangeTradingState;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.command.CreateAccount;
import io.bulwark.engine.command.CreateMarket;
import io.bulwark.engine.command.Deposit;
import io.bulwark.engine.command.Withdraw;
import io.bulwark.engine.event.AccountCreated;
import io.bulwark.engine.event.ApiKeyIssued;
import io.bulwark.engine.event.MarketCreated;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.state.TradingState;
import io.bulwark.testsupport.AppInstances;
import io.bulwark.testsupport.TestPostgres;
import io.bulwark.web.ApiClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * Issue 5, "the step that failed in January": schema upgrades. A database populated under the first
 * migration is upgraded by starting the new build, and recovers to the same state; a schema that
 * differs from the build's migrations refuses the start before anything is written.
 */
class SchemaUpgradeTests {
    private static final String ADMIN_KEY = "bwk_schema_admin_key_00000000000000000000000000";
    private final AppInstances instances = new AppInstances(ADMIN_KEY);

    @AfterEach
    void stopAll() {
        instances.close();
    }

    private Flyway flyway(String target) {
        return Flyway.configure()
                .dataSource(instances.database(), TestPostgres.username(), TestPostgres.password())
                .locations("classpath:db/migration")
                .target(target)
                .load();
    }

    private long query(String sql) throws SQLException {
        try (Connection c = instances.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void execute(String sql) throws SQLException {
        instances.update(sql);
    }

    /**
     * The read-model writers of the V1 schema (markets, accounts, keys, ledger, state changes). The ledger and
     * state changes are today's (their tables have not changed since); markets, accounts and keys are written
     * as the V4-era build wrote them, since today's writers fill columns later migrations added.
     */
    private static List<Projection> v1Projections() {
        // Package-private Spring components, made here as the V1-era build would have had them.
        List<Projection> today =
                List.of("io.bulwark.account.LedgerProjection", "io.bulwark.system.TradingStateProjection").stream()
                        .map(SchemaUpgradeTests::instantiate)
                        .toList();
        // That build wrote its read models inside the journal transaction (V4 has no projector watermark).
        return Stream.concat(today.stream(), Stream.of(new V4MarketsAndKeys()))
                .<Projection>map(InTheCommit::new)
                .toList();
    }

    /** A read model written inside the journal transaction, as every read model was before V13's projector. */
    private record InTheCommit(Projection projection) implements Projection {
        @Override
        public void project(Committed entry, SqlBatch batch) {
            projection.project(entry, batch);
        }

        @Override
        public boolean onCommitPath() {
            return true;
        }
    }

    /** The V4 layout of {@code markets}, {@code accounts} and {@code api_keys}, written once per row. */
    private static final class V4MarketsAndKeys implements Projection {
        @Override
        public void project(Committed entry, SqlBatch batch) {
            OffsetDateTime time = OffsetDateTime.ofInstant(Instant.ofEpochMilli(entry.timestamp()), ZoneOffset.UTC);
            for (var event : entry.events()) {
                switch (event) {
                    case MarketCreated c -> {
                        var m = c.spec();
                        batch.add(
                                "INSERT INTO markets (market, tick_size, step_size, min_size, initial_margin_fraction,"
                                        + " maintenance_margin_fraction, maker_fee, taker_fee, liquidation_fee,"
                                        + " funding_interval_seconds, max_funding_rate, price_band_bps, post_only_band_bps,"
                                        + " max_price_jump_bps, max_price_age_seconds, state, updated_sequence)"
                                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                m.market(),
                                m.tickSize(),
                                m.stepSize(),
                                m.minSize(),
                                m.initialMarginFraction(),
                                m.maintenanceMarginFraction(),
                                m.makerFee(),
                                m.takerFee(),
                                m.liquidationFee(),
                                m.fundingIntervalSeconds(),
                                m.maxFundingRate(),
                                m.priceBandBps(),
                                m.postOnlyBandBps(),
                                m.maxPriceJumpBps(),
                                m.maxPriceAgeSeconds(),
                                c.state().name(),
                                entry.sequence());
                    }
                    case AccountCreated a ->
                        batch.add(
                                "INSERT INTO accounts (account_id, name, created_sequence, created_at) VALUES (?, ?, ?, ?)",
                                a.accountId(),
                                a.name(),
                                entry.sequence(),
                                time);
                    case ApiKeyIssued k ->
                        batch.add(
                                "INSERT INTO api_keys (key_id, role, account_id, key_hash, revoked, created_sequence,"
                                        + " updated_sequence) VALUES (?, ?, ?, ?, false, ?, ?)",
                                k.keyId(),
                                k.role().name(),
                                k.accountId(),
                                k.keyHash(),
                                entry.sequence(),
                                entry.sequence());
                    default -> {}
                }
            }
        }
    }

    private static Projection instantiate(String className) {
        try {
            var constructor = Class.forName(className).getDeclaredConstructor();
            constructor.setAccessible(true);
            return (Projection) constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String account(EngineSupervisor writer, String name) {
        Outcome.Applied created = apply(writer, new CreateAccount(name, "key-" + name, "hash-" + name));
        return ((AccountCreated) created.events().getFirst()).accountId();
    }

    private static Outcome.Applied apply(EngineSupervisor writer, Command command) {
        return (Outcome.Applied) writer.submit(command, "v1-era-admin");
    }

    /**
     * What is honest here: the V1-era build no longer exists, and today's journal code cannot write a V1
     * schema (recovery reads {@code snapshots.reverted}, added by V4). So the database is migrated to V4
     * only (Flyway target 4), the oldest schema today's journal code can write, and written by it with the
     * read-model writers of the first migration's tables, doing what early exchanges did (markets,
     * accounts, deposits, withdrawals, state changes); the start then applies every later migration.
     * Starting the whole application on it must migrate to the latest version and recover the same
     * state: the same state hash, the same balances, the same market state.
     */
    @Test
    void aDatabaseFromAnEarlierMigrationIsUpgradedAndRecoversTheSameState() throws SQLException {
        flyway("4").migrate();
        EngineSupervisor writer = new EngineSupervisor(
                new JournalConnections(
                        instances.database(), TestPostgres.username(), TestPostgres.password(), JournalHarness.LIMITS),
                new JournalProperties(
                        0,
                        java.time.Duration.ofHours(1),
                        60,
                        "v1-era",
                        new JournalProperties.Lease(
                                java.time.Duration.ofMillis(200),
                                java.time.Duration.ofMillis(300),
                                java.time.Duration.ofSeconds(2)),
                        new JournalProperties.LiquidationBreaker(10, 500, new java.math.BigDecimal("100000")),
                        new JournalProperties.Maintenance(120),
                        new JournalProperties.Engine(1024, java.time.Duration.ofSeconds(10)),
                        JournalHarness.LIMITS,
                        20,
                        new JournalProperties.Orders(200, 5000, 86_400),
                        86_400),
                v1Projections(),
                List.of(),
                List.of(),
                new SimpleMeterRegistry());
        writer.start();
        JournalHarness.awaitRole(writer, NodeStatus.Role.WRITER);
        apply(writer, new CreateMarket(TradingFloor.btc()));
        String alice = account(writer, "alice");
        String bob = account(writer, "bob");
        apply(writer, new Deposit(alice, new BigDecimal("5000"), "wire-1"));
        apply(writer, new Deposit(bob, new BigDecimal("300.25"), "wire-2"));
        apply(writer, new Withdraw(alice, new BigDecimal("1200"), null)); // as rows before references
        apply(
                writer,
                new ChangeTradingState(TradingFloor.BTC, TradingState.POST_ONLY, "v1 era", "v1-era-admin", false));
        Map<String, BigDecimal> balances = writer.query(v -> v.ledgerBalances());
        writer.stop(); // graceful: the shutdown snapshot
        long snapshotSequence = query("SELECT max(sequence) FROM snapshots");
        String hash;
        try (Connection c = instances.connect();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT state_hash FROM snapshots ORDER BY sequence DESC LIMIT 1")) {
            rs.next();
            hash = rs.getString(1);
        }
        assertThat(flyway("latest").info().pending())
                .as("later migrations are waiting")
                .isNotEmpty();

        ConfigurableApplicationContext app = instances.start("upgraded");
        AppInstances.awaitWriter(app);
        assertThat(flyway("latest").info().pending()).isEmpty();
        ApiClient api = new ApiClient(AppInstances.port(app));
        JsonNode status =
                api.get("/api/v1/system/status", null).assertStatus(200).json();
        assertThat(status.path("recovery").path("verified").asBoolean()).isTrue();
        assertThat(status.path("recovery").path("detail").asString())
                .isEqualTo("replayed 0 commands after snapshot at " + snapshotSequence + "; state hash " + hash);
        assertThat(status.path("state").asString())
                .as("integrity checks pass at start")
                .isEqualTo("OPEN");
        assertThat(api.get("/api/v1/markets/" + TradingFloor.BTC, null).text("state"))
                .isEqualTo("POST_ONLY");
        Map<String, BigDecimal> upgraded = app.getBean(EngineGateway.class).query(v -> v.ledgerBalances());
        balances.forEach((account, balance) ->
                assertThat(upgraded.get(account)).as(account).isEqualByComparingTo(balance));
        assertThat(api.get("/api/v1/admin/integrity", ADMIN_KEY).get("ok").asBoolean())
                .isTrue();
        assertThat(query("SELECT price_jump_window_seconds FROM markets WHERE market = '" + TradingFloor.BTC + "'"))
                .as("V7 gave the existing market the defaults, as the engine did")
                .isEqualTo(60L);
        assertThat(query("SELECT max_source_divergence_bps FROM markets WHERE market = '" + TradingFloor.BTC + "'"))
                .isEqualTo(200L);
        assertThat(query("SELECT count(*) FROM api_keys WHERE source IS NOT NULL"))
                .as("keys issued before V7 are bound to no source")
                .isZero();
    }

    /** A whole instance, writer until stopped gracefully: its journal is complete when this returns. */
    private void startAndStop() {
        ConfigurableApplicationContext first = instances.start("first");
        AppInstances.awaitWriter(first);
        instances.stop(first);
    }

    @Test
    void anEditedAppliedMigrationRefusesTheStartAndWritesNothing() throws SQLException {
        startAndStop();
        long journal = query("SELECT count(*) FROM journal");
        execute("UPDATE flyway_schema_history SET checksum = checksum + 1 WHERE version = '2'");

        assertThatThrownBy(() -> instances.start("second"))
                .hasStackTraceContaining("REFUSING TO START")
                .hasStackTraceContaining("checksum");
        assertThat(query("SELECT count(*) FROM journal")).isEqualTo(journal);
    }

    @Test
    void aMigrationFromANewerBuildRefusesTheStartAndWritesNothing() throws SQLException {
        startAndStop();
        long journal = query("SELECT count(*) FROM journal");
        execute("""
                INSERT INTO flyway_schema_history (installed_rank, version, description, type, script, checksum,
                                                   installed_by, installed_on, execution_time, success)
                VALUES (99, '99', 'from a newer build', 'SQL', 'V99__from_a_newer_build.sql', 0, 'test', now(), 1, true)
                """);

        assertThatThrownBy(() -> instances.start("second"))
                .hasStackTraceContaining("REFUSING TO START")
                .hasStackTraceContaining("99");
        assertThat(query("SELECT count(*) FROM journal")).isEqualTo(journal);
    }
}
