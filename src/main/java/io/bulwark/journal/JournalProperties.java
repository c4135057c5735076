package io.bulwark.journal;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Engine, journal and lease settings ({@code bulwark.*}).
 *
 * @param snapshotEveryCommands a periodic snapshot after this many commands (env
 *     {@code BULWARK_SNAPSHOT_EVERY_COMMANDS}); 0 turns periodic snapshots off
 * @param tickInterval how often the clock sends a {@code Tick}
 * @param fundingSampleSeconds funding premium sample period (env {@code BULWARK_FUNDING_SAMPLE_SECONDS})
 * @param instanceName this instance's name in the writer lease (default host:pid)
 * @param lease writer-lease timing
 * @param engine engine-thread settings
 * @param journal time limits of the database connections
 * @param snapshotRetain periodic (and shutdown) snapshots kept, newest first (env {@code BULWARK_SNAPSHOT_RETAIN});
 *     manual and pre-maintenance snapshots are kept until an admin deletes them
 * @param orders limits per account and market and how long client order ids are remembered
 * @param oracleSourceRetentionSeconds an oracle source that has sent nothing for this long (engine time) is
 *     forgotten in a market, so the oracle's memory holds the sources heard from lately (env
 *     {@code BULWARK_ORACLE_SOURCE_RETENTION_SECONDS})
 */
@ConfigurationProperties("bulwark")
public record JournalProperties(
        @DefaultValue("10000") long snapshotEveryCommands,
        @DefaultValue("1s") Duration tickInterval,
        @DefaultValue("60") long fundingSampleSeconds,
        @DefaultValue("") String instanceName,
        @DefaultValue Lease lease,
        @DefaultValue LiquidationBreaker liquidationBreaker,
        @DefaultValue Maintenance maintenance,
        @DefaultValue Engine engine,
        @DefaultValue Journal journal,
        @DefaultValue("20") int snapshotRetain,
        @DefaultValue Orders orders,
        @DefaultValue("86400") long oracleSourceRetentionSeconds) {

    /** Ten years: longer retentions are refused as typos (and would be "for ever" anyway). */
    static final long MAX_RETENTION_SECONDS = 3650L * 86_400;

    public JournalProperties {
        if (snapshotRetain < 1) {
            throw new IllegalArgumentException("bulwark.snapshot-retain must be at least 1, was " + snapshotRetain);
        }
        if (oracleSourceRetentionSeconds < 1 || oracleSourceRetentionSeconds > MAX_RETENTION_SECONDS) {
            throw new IllegalArgumentException("bulwark.oracle-source-retention-seconds must be between 1 and "
                    + MAX_RETENTION_SECONDS + ", was " + oracleSourceRetentionSeconds);
        }
    }

    /**
     * Limits the engine applies through StartEngine (SPEC v2 sections 3 and 4), {@code bulwark.orders.*}.
     *
     * @param maxOpenOrders live orders (resting or untriggered) one account may have in one market (env
     *     {@code BULWARK_MAX_OPEN_ORDERS}); one more is refused 409 TOO_MANY_OPEN_ORDERS
     * @param restingBandBps how far from the mark a resting limit price may be (env
     *     {@code BULWARK_ORDERS_RESTING_BAND_BPS}); further is refused 422 PRICE_OUTSIDE_BAND
     * @param clientOrderIdRetentionSeconds how long (engine time) a client order id is remembered after its
     *     order ended (env {@code BULWARK_CLIENT_ORDER_ID_RETENTION_SECONDS}); then it may be used again
     */
    public record Orders(
            @DefaultValue("200") int maxOpenOrders,
            @DefaultValue("5000") int restingBandBps,
            @DefaultValue("86400") long clientOrderIdRetentionSeconds) {

        public Orders {
            if (maxOpenOrders < 1) {
                throw new IllegalArgumentException(
                        "bulwark.orders.max-open-orders must be at least 1, was " + maxOpenOrders);
            }
            if (restingBandBps < 1) {
                throw new IllegalArgumentException(
                        "bulwark.orders.resting-band-bps must be at least 1, was " + restingBandBps);
            }
            if (clientOrderIdRetentionSeconds < 1 || clientOrderIdRetentionSeconds > MAX_RETENTION_SECONDS) {
                throw new IllegalArgumentException("bulwark.orders.client-order-id-retention-seconds must be between"
                        + " 1 and " + MAX_RETENTION_SECONDS + ", was " + clientOrderIdRetentionSeconds);
            }
        }
    }

    /**
     * @param pollInterval how often a standby tries to take the lease
     * @param heartbeatInterval how often the writer proves it is alive
     * @param staleAfter a writer silent this long is evicted by a standby (takeover well within 10 s)
     */
    public record Lease(
            @DefaultValue("1s") Duration pollInterval,
            @DefaultValue("1s") Duration heartbeatInterval,
            @DefaultValue("5s") Duration staleAfter) {}

    /**
     * Liquidation circuit breaker, per market: more accounts than {@code maxAccounts}, or more than
     * {@code maxOpenInterestBps} of the market's open interest in liquidations of at least
     * {@code minNotional} USD each, liquidated in one market within 60 s pauses liquidations and triggers
     * in that market.
     */
    public record LiquidationBreaker(
            @DefaultValue("10") int maxAccounts,
            @DefaultValue("500") int maxOpenInterestBps,
            @DefaultValue("100000") java.math.BigDecimal minNotional) {}

    /**
     * @param minPostOnlySeconds time in POST_ONLY before OPEN is allowed (env
     *     {@code BULWARK_MAINTENANCE_MIN_POST_ONLY_SECONDS})
     */
    public record Maintenance(@DefaultValue("120") long minPostOnlySeconds) {}

    /**
     * @param inboxCapacity commands and queries waiting for the engine thread before callers are refused
     * @param replyTimeout how long an API thread waits for its command to be journaled
     * @param readModelWait how long a history read waits for the projector to reach the journal's last commit
     *     before it is refused 503 {@code READ_MODELS_BEHIND}
     */
    public record Engine(
            @DefaultValue("65536") int inboxCapacity,
            @DefaultValue("10s") Duration replyTimeout,
            @DefaultValue("5s") Duration readModelWait) {

        @ConstructorBinding
        public Engine {
            if (readModelWait.isNegative() || readModelWait.isZero()) {
                throw new IllegalArgumentException(
                        "bulwark.engine.read-model-wait must be positive, was " + readModelWait);
            }
        }

        public Engine(int inboxCapacity, Duration replyTimeout) {
            this(inboxCapacity, replyTimeout, Duration.ofSeconds(5));
        }
    }

    /**
     * Time limits of the database connections ({@code bulwark.journal.*}). A commit that runs past one fails
     * like any failed commit: its callers are told it failed and the writer term ends.
     *
     * @param socketTimeout the longest the writer's lease and journal connections wait for the database to send
     *     anything: a paused or unreachable server ends the wait (PostgreSQL JDBC {@code socketTimeout})
     * @param statementTimeout the longest one statement of those connections may run ({@code statement_timeout})
     * @param lockTimeout the longest a statement of those connections waits for a lock ({@code lock_timeout})
     * @param poolSocketTimeout the same socket limit for the pooled connections of reads and read models
     * @param poolStatementTimeout the statement limit of the pooled connections
     */
    public record Journal(
            @DefaultValue("15s") Duration socketTimeout,
            @DefaultValue("5s") Duration statementTimeout,
            @DefaultValue("2s") Duration lockTimeout,
            @DefaultValue("35s") Duration poolSocketTimeout,
            @DefaultValue("30s") Duration poolStatementTimeout) {

        public Journal {
            for (Duration limit :
                    List.of(socketTimeout, statementTimeout, lockTimeout, poolSocketTimeout, poolStatementTimeout)) {
                if (limit.isNegative() || limit.isZero()) {
                    throw new IllegalArgumentException("bulwark.journal time limits must be positive, was " + limit);
                }
            }
        }

        /** PostgreSQL JDBC counts its socket timeout in whole seconds: rounded up, so never 0 (no limit). */
        static String seconds(Duration limit) {
            return Long.toString((limit.toMillis() + 999) / 1000);
        }

        /** The server-side limits as the JDBC {@code options} startup parameter. */
        static String options(Duration statementTimeout, Duration lockTimeout) {
            return "-c statement_timeout=" + statementTimeout.toMillis() + " -c lock_timeout=" + lockTimeout.toMillis();
        }
    }
}
