package io.bulwark.system;

import io.bulwark.engine.oracle.PriceHealth;
import io.bulwark.engine.oracle.SourcePrice;
import io.bulwark.engine.state.TradingState;
import io.bulwark.journal.NodeStatus;
import io.bulwark.maintenance.MaintenanceWindowResponse;
import io.bulwark.oracle.LastReanchor;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/v1/system/status} (SPEC section 10). On a standby or while recovering, the engine's
 * part is unknown: {@code state} is null, {@code markets} empty, and {@code role} says why.
 *
 * @param sequence the last sequence this instance committed to the journal
 * @param since when the exchange entered {@code state}; null for a new exchange
 * @param maintenanceWindows the scheduled and active maintenance windows, oldest first
 * @param recovery how this instance's engine state was last recovered
 */
record StatusResponse(
        TradingState state,
        Long epoch,
        long sequence,
        Instant since,
        String reason,
        NodeStatus.Role role,
        List<MarketStatus> markets,
        boolean liquidationsPaused,
        String liquidationsPausedReason,
        List<MaintenanceWindowResponse> maintenanceWindows,
        Recovery recovery) {

    /**
     * One market's effective state, whether its oracle price is healthy ({@code priceHealth} says why not,
     * {@code sourcePrices} are the fresh prices of its active oracle sources, {@code lastReanchor} the last
     * time its index was set outside the jump limits, null if never), whether its funding is halted
     * because a new index failed the write-time guard ({@code fundingHaltReason} says why), and whether the
     * circuit breaker paused liquidations and triggers in it ({@code liquidationsPausedReason} says why).
     */
    record MarketStatus(
            String market,
            TradingState state,
            boolean priceHealthy,
            PriceHealth priceHealth,
            List<SourcePrice> sourcePrices,
            LastReanchor lastReanchor,
            boolean fundingHalted,
            String fundingHaltReason,
            boolean liquidationsPaused,
            String liquidationsPausedReason) {}

    record Recovery(boolean verified, String detail) {}
}
