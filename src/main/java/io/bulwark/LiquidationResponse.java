package io.bulwark.liquidation;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A liquidation as SPEC section 7 records it: the account's position of {@code size} (signed, as it was)
 * taken over at {@code price} by the liquidator vault, or by opposing traders at the bankruptcy price when
 * {@code deleveraged}; equity and maintenance requirement just before; the fee to the vault (capped by the
 * equity left); the bad debt the vault (or deleveraging) covered; the price health at that moment.
 */
record LiquidationResponse(
        String liquidationId,
        String accountId,
        String market,
        BigDecimal size,
        BigDecimal price,
        BigDecimal markPrice,
        BigDecimal indexPrice,
        BigDecimal equityBefore,
        BigDecimal maintenanceRequirementBefore,
        BigDecimal fee,
        BigDecimal badDebt,
        long sequence,
        boolean priceHealthy,
        boolean deleveraged,
        Instant time) {}
