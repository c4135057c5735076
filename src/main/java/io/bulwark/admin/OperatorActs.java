package io.bulwark.admin;

import io.bulwark.engine.command.AmendOrder;
import io.bulwark.engine.command.ArmCancelAfter;
import io.bulwark.engine.command.CancelOrder;
import io.bulwark.engine.command.PlaceOrder;
import io.bulwark.engine.command.PostOraclePrices;
import io.bulwark.engine.command.Withdraw;
import java.util.List;
import java.util.Set;

/**
 * Which journaled commands are operator acts (SPEC section 12 v2: every admin, oracle-administration and
 * system act): those of an ADMIN key or of a {@code system:} actor, except what only traders and price feeds
 * send (their orders, withdrawals and prices are their own business, not an operator's trail) and the
 * clock's ticks ({@code system:clock}: time passing is not an act; a maintenance window's tick is one).
 */
final class OperatorActs {
    static final String SYSTEM_PREFIX = "system:";
    static final String CLOCK = "system:clock";

    /**
     * Commands never counted, in the order of the {@code journal_operator_acts} index predicate (V10): the audit
     * query repeats the predicate so PostgreSQL can use that index.
     */
    static final List<String> NEVER = List.of(
            PlaceOrder.class.getSimpleName(),
            CancelOrder.class.getSimpleName(),
            AmendOrder.class.getSimpleName(),
            ArmCancelAfter.class.getSimpleName(),
            Withdraw.class.getSimpleName(),
            PostOraclePrices.class.getSimpleName());

    private static final Set<String> NEVER_SET = Set.copyOf(NEVER);

    private OperatorActs() {}

    /** Whether a command of {@code type} by {@code actor} is an operator act, given the actor's key is ADMIN. */
    static boolean isAct(String type, String actor, boolean adminKey) {
        if (NEVER_SET.contains(type) || CLOCK.equals(actor)) {
            return false;
        }
        return adminKey || actor.startsWith(SYSTEM_PREFIX);
    }

    static boolean isSystem(String actor) {
        return actor.startsWith(SYSTEM_PREFIX);
    }
}
