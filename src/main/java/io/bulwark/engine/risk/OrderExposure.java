package io.bulwark.engine.risk;

import java.math.BigDecimal;

/**
 * What an account's own live orders could cost it (SPEC section 3 v2): collateral leaving the
 * account must not uncover the worst case its standing orders were accepted against.
 */
public interface OrderExposure {
    /**
     * How much equity the account can give up and still cover, at initial margin, any of its live
     * orders filling at their prices; negative when it is short already.
     */
    BigDecimal headroom(String accountId);
}
