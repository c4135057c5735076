package io.bulwark.engine.command;

import java.math.BigDecimal;

/**
 * A writer term begins (a start or a recovery): prices carried over are distrusted until fresh
 * updates confirm them, so nothing acts on a stale price after a restart. It also carries the funding
 * sample period (BULWARK_FUNDING_SAMPLE_SECONDS), the liquidation circuit-breaker limits and the minimum
 * time in POST_ONLY before OPEN (BULWARK_MAINTENANCE_MIN_POST_ONLY_SECONDS), so replay behaves exactly
 * as the live engine did. Zero keeps the current value; so does a null {@code breakerMinNotional} (the
 * USD size below which a liquidation does not count toward the breaker's open-interest share), absent
 * in rows written before it existed. {@code rules} names the version of the trading rules the term
 * applies (see RuleSet): null in rows of older builds, which replay under version 1.
 *
 * <p>The limits (see Limits; SPEC v2 sections 3 and 4): {@code maxOpenOrders} live orders per account and
 * market (BULWARK_MAX_OPEN_ORDERS), resting prices within {@code restingBandBps} of the mark
 * (BULWARK_RESTING_BAND_BPS), client order ids forgotten {@code clientOrderIdRetentionSeconds} of engine
 * time after their order ended (BULWARK_CLIENT_ORDER_ID_RETENTION_SECONDS) and oracle sources forgotten in
 * a market after {@code oracleSourceRetentionSeconds} of silence (BULWARK_ORACLE_SOURCE_RETENTION_SECONDS).
 * Null turns one off, as in rows of older builds, which had none of them.
 */
public record StartEngine(
        String instance,
        long fundingSampleSeconds,
        int breakerMaxAccounts,
        int breakerMaxOpenInterestBps,
        long minPostOnlySeconds,
        BigDecimal breakerMinNotional,
        Integer rules,
        Integer maxOpenOrders,
        Integer restingBandBps,
        Long clientOrderIdRetentionSeconds,
        Long oracleSourceRetentionSeconds)
        implements Command {

    /** No limits: a row of a build before them. */
    public StartEngine(
            String instance,
            long fundingSampleSeconds,
            int breakerMaxAccounts,
            int breakerMaxOpenInterestBps,
            long minPostOnlySeconds,
            BigDecimal breakerMinNotional,
            Integer rules) {
        this(
                instance,
                fundingSampleSeconds,
                breakerMaxAccounts,
                breakerMaxOpenInterestBps,
                minPostOnlySeconds,
                breakerMinNotional,
                rules,
                null,
                null,
                null,
                null);
    }

    /** The current rules (see RuleSet; null in rows of older builds), no limits. */
    public StartEngine(
            String instance,
            long fundingSampleSeconds,
            int breakerMaxAccounts,
            int breakerMaxOpenInterestBps,
            long minPostOnlySeconds,
            BigDecimal breakerMinNotional) {
        this(
                instance,
                fundingSampleSeconds,
                breakerMaxAccounts,
                breakerMaxOpenInterestBps,
                minPostOnlySeconds,
                breakerMinNotional,
                io.bulwark.engine.state.RuleSet.CURRENT);
    }

    /** Keeps the breaker's notional floor as it is. */
    public StartEngine(
            String instance,
            long fundingSampleSeconds,
            int breakerMaxAccounts,
            int breakerMaxOpenInterestBps,
            long minPostOnlySeconds) {
        this(instance, fundingSampleSeconds, breakerMaxAccounts, breakerMaxOpenInterestBps, minPostOnlySeconds, null);
    }
}
