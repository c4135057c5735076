package io.bulwark.engine.risk;

import java.math.BigDecimal;

/**
 * An account's margin picture (SPEC section 3). {@code marginRatio} is maintenance requirement over
 * equity (0 without positions): liquidation happens as it reaches 1.
 */
public record AccountRisk(
        String accountId,
        BigDecimal balance,
        BigDecimal equity,
        BigDecimal unrealizedPnl,
        BigDecimal initialMarginRequirement,
        BigDecimal maintenanceMarginRequirement,
        BigDecimal freeCollateral,
        BigDecimal marginRatio) {}
