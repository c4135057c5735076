package io.bulwark.engine.command;

import io.bulwark.engine.money.Decimals;
import java.math.BigDecimal;

/**
 * Changes a resting limit order's price and/or size (null = unchanged). A size decrease keeps the
 * order's place in the queue; a new price or a larger size sends it to the back. An amend never
 * takes liquidity: a new price that would cross is refused.
 */
public record AmendOrder(String accountId, String orderId, BigDecimal price, BigDecimal size) implements Command {
    /** This amendment with canonical decimals, as the engine keeps them (see {@link Decimals#canonical}). */
    public AmendOrder canonical() {
        return new AmendOrder(accountId, orderId, Decimals.canonical(price), Decimals.canonical(size));
    }
}
