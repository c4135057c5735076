package io.bulwark.engine.event;

import java.math.BigDecimal;

/**
 * An account was liquidated in one market (SPEC section 7): its position of {@code size} (signed, as
 * it was) was taken over at {@code price} by the liquidator vault, or, when {@code deleveraged}, by
 * opposing traders at the bankruptcy price. Equity and requirement are the account's just before.
 */
public record Liquidated(
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
        boolean priceHealthy,
        boolean deleveraged)
        implements Event {}
