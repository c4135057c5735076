package io.bulwark.liquidation;

import io.bulwark.engine.EngineView;
import java.util.List;

/**
 * Whether liquidations and triggers run, as the engine has it after {@code sequence} (the resume command's
 * sequence or later): {@code liquidationsPaused} when any market is paused, and each paused market with
 * its reason.
 */
record LiquidationsStatusResponse(
        boolean liquidationsPaused, String liquidationsPausedReason, List<PausedMarket> pausedMarkets, long sequence) {

    record PausedMarket(String market, String reason) {}

    static LiquidationsStatusResponse of(EngineView.StatusView status, long sequence) {
        return new LiquidationsStatusResponse(
                status.liquidationsPaused(),
                status.liquidationsPaused() ? status.liquidationsPausedReason() : null,
                status.liquidationsPausedMarkets().entrySet().stream()
                        .map(e -> new PausedMarket(e.getKey(), e.getValue()))
                        .toList(),
                sequence);
    }
}
