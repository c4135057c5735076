package io.bulwark.liquidation;

/**
 * Whether liquidations and triggers run exchange-wide, as the engine has it after {@code sequence} (the
 * resume command's sequence or later).
 */
record LiquidationsStatusResponse(boolean liquidationsPaused, String liquidationsPausedReason, long sequence) {}
