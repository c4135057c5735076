package io.bulwark.engine.command;

import java.math.BigDecimal;

/**
 * A writer term begins (a start or a recovery): prices carried over are distrusted until fresh
 * updates confirm them, so nothing acts on a stale price after a restart. It also carries the funding
 * sample period (BULWARK_FUNDING_SAMPLE_SECONDS), the liquidation circuit-breaker limits and the minimum
 * time in POST_ONLY before OPEN (BULWARK_MAINTENANCE_MIN_POST_ONLY_SECONDS), so replay behaves exactly
 * as the live engine did. Zero keeps the current value; so does a null {@code breakerMinNotional} (the
 * USD size below which a liquidation does not count toward the breaker's open-interest share), absent
 * in rows written before it existed.
 */
public record StartEngine(
        String instance,
        long fundingSampleSeconds,
        int breakerMaxAccounts,
        int breakerMaxOpenInterestBps,
        long minPostOnlySeconds,
        BigDecimal breakerMinNotional)
        implements Command {

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
