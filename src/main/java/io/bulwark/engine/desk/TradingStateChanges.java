package io.bulwark.engine.desk;

import io.bulwark.engine.command.ChangeTradingState;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.Outcome;
import java.util.List;
import java.util.Optional;

/**
 * What other desks may ask of the transition desk: move the exchange or a market to another trading
 * state, by the same rules as an operator's ChangeTradingState (a maintenance window's start and end).
 */
public interface TradingStateChanges {

    /** Applies the change; returns a refusal, or empty (and the events) when it happened. */
    Optional<Outcome> change(ChangeTradingState c, long sequence, long now, List<Event> events);
}
