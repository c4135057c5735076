package io.bulwark.engine.desk.trading;

import static io.bulwark.engine.command.Rejection.Code.UNKNOWN_ACCOUNT;
import static io.bulwark.engine.command.Rejection.Code.VALIDATION_FAILED;
import static io.bulwark.engine.event.Outcome.reject;

import io.bulwark.engine.command.ArmCancelAfter;
import io.bulwark.engine.command.CancelOrders;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.order.CancelAfterDeadlines;
import io.bulwark.engine.order.CancelReason;
import io.bulwark.engine.position.Portfolios;
import java.util.List;
import java.util.Optional;

/**
 * The dead man's switch (SPEC section 10 v2): each account may hold one deadline in engine time; the first
 * Tick stamped at or after it cancels every live order of that account, conditional ones included (a bot
 * that went silent must leave nothing that can still trade), with reason {@code DEAD_MAN_SWITCH}, and
 * disarms. Arming again before the deadline moves it; 0 seconds disarms. The deadlines
 * ({@link CancelAfterDeadlines}) are engine state, so a replay fires the same cancels at the same sequence.
 * The sequencer journals a Tick before any command stamped at or after a deadline ({@link #due}).
 */
public final class DeadMansSwitch {
    /** The longest countdown a trader may arm (SPEC: 1 to 600 seconds, 0 disarms). */
    public static final int MAX_SECONDS = 600;

    private final Portfolios portfolios;
    private final OrderDesk desk;
    private final CancelAfterDeadlines deadlines;

    public DeadMansSwitch(Portfolios portfolios, OrderDesk desk, CancelAfterDeadlines deadlines) {
        this.portfolios = portfolios;
        this.desk = desk;
        this.deadlines = deadlines;
    }

    /** Arms (or with 0 seconds disarms) the account's switch; the deadline is {@code now} plus the seconds. */
    public Optional<Outcome> arm(ArmCancelAfter c, long now) {
        if (c.seconds() < 0 || c.seconds() > MAX_SECONDS) {
            return reject(VALIDATION_FAILED, "seconds must be 0 (disarm) to " + MAX_SECONDS);
        }
        if (portfolios.get(c.accountId()).isEmpty()) {
            return reject(UNKNOWN_ACCOUNT, "no account " + c.accountId());
        }
        deadlines.disarm(c.accountId());
        if (c.seconds() > 0) {
            deadlines.set(c.accountId(), now + c.seconds() * 1000L);
        }
        return Optional.empty();
    }

    /** Whether a deadline has passed at {@code now}: the sequencer then journals a Tick first. */
    public boolean due(long now) {
        return deadlines.due(now);
    }

    /** A Tick: cancels the live orders of every account whose deadline is at or before {@code now}. */
    public void onTick(long sequence, long now, List<Event> events) {
        for (Optional<String> fired = deadlines.pollDue(now); fired.isPresent(); fired = deadlines.pollDue(now)) {
            desk.cancelAll(new CancelOrders(fired.get(), "", CancelReason.DEAD_MAN_SWITCH), sequence, now, events);
        }
    }
}
