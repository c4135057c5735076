package io.bulwark.engine.command;

/**
 * A writer term begins (a start or a recovery): prices carried over are distrusted until fresh
 * updates confirm them, so nothing acts on a stale price after a restart. It also carries the funding
 * sample period (BULWARK_FUNDING_SAMPLE_SECONDS), the liquidation circuit-breaker limits and the minimum
 * time in POST_ONLY before OPEN (BULWARK_MAINTENANCE_MIN_POST_ONLY_SECONDS), so replay behaves exactly
 * as the live engine did. Zero keeps the current value.
 */
public record StartEngine(
        String instance,
        long fundingSampleSeconds,
        int breakerMaxAccounts,
        int breakerMaxOpenInterestBps,
        long minPostOnlySeconds)
        implements Command {}
