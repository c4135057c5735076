package io.bulwark.engine.desk.transition;

import io.bulwark.engine.ledger.Ledger;
import io.bulwark.engine.position.Portfolio;
import io.bulwark.engine.position.Portfolios;
import io.bulwark.engine.state.Market;
import io.bulwark.engine.state.Markets;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The integrity checks the engine can make of its own state (SPEC section 9): the ledger conserves,
 * long open interest equals short in every market, realized PnL matches the settlement account, and
 * every index price and funding index is sane. Empty when all pass.
 */
public final class IntegrityCheck {
    private IntegrityCheck() {}

    public static List<String> problems(Ledger ledger, Markets markets, Portfolios portfolios) {
        List<String> problems = new ArrayList<>();
        if (ledger.total().signum() != 0) {
            problems.add("ledger does not conserve: balances sum to "
                    + ledger.total().toPlainString());
        }
        BigDecimal cost = BigDecimal.ZERO;
        for (Market m : markets.all()) {
            String name = m.spec().market();
            long net = 0;
            for (Map.Entry<String, Portfolio> e : portfolios.entries()) {
                net += e.getValue()
                        .existingPosition(name)
                        .map(p -> p.sizeSteps())
                        .orElse(0L);
            }
            if (net != 0) {
                problems.add("open interest of " + name + " is unbalanced by " + net + " steps");
            }
            cost = cost.add(portfolios.costBasis(name));
            if (m.indexPrice() != null && m.indexPrice().signum() <= 0) {
                problems.add("index price of " + name + " is " + m.indexPrice().toPlainString());
            }
            if (m.markPrice() != null && m.markPrice().signum() <= 0) {
                problems.add("index price of " + name + " gives a mark price of "
                        + m.markPrice().toPlainString());
            }
            if (m.funding().cumulativeIndex().signum() != 0 && m.markPrice() == null) {
                problems.add("funding index of " + name + " is "
                        + m.funding().cumulativeIndex().toPlainString() + " but the market never had a mark price");
            }
        }
        if (ledger.balance(Ledger.SETTLEMENT).compareTo(cost.negate()) != 0) {
            problems.add(
                    "settlement account " + ledger.balance(Ledger.SETTLEMENT).toPlainString()
                            + " does not match open cost basis " + cost.toPlainString());
        }
        return problems;
    }
}
