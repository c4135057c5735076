package io.bulwark.engine.desk.transition;

import io.bulwark.engine.state.TradingState;
import java.util.Map;

/**
 * Which trading-state transitions are allowed, and on what condition (SPEC section 8). A failing
 * condition refuses the transition with INVALID_TRANSITION unless it is forced (and recorded as such).
 */
public enum TransitionRule {
    /** Always allowed. */
    ALWAYS,
    /** Integrity checks pass and every market with open positions has a healthy price. */
    INTEGRITY_AND_HEALTHY_PRICES,
    /** At least minPostOnlySeconds spent in POST_ONLY. */
    MIN_POST_ONLY_TIME,
    /** Only with force. */
    FORCE_ONLY;

    private static final Map<TradingState, Map<TradingState, TransitionRule>> TABLE = Map.of(
            TradingState.OPEN,
                    Map.of(
                            TradingState.CLOSED, ALWAYS,
                            TradingState.POST_ONLY, ALWAYS,
                            TradingState.OPEN, FORCE_ONLY),
            TradingState.POST_ONLY,
                    Map.of(
                            TradingState.CLOSED, ALWAYS,
                            TradingState.OPEN, MIN_POST_ONLY_TIME,
                            TradingState.POST_ONLY, FORCE_ONLY),
            TradingState.CLOSED,
                    Map.of(
                            TradingState.CLOSED, ALWAYS,
                            TradingState.POST_ONLY, INTEGRITY_AND_HEALTHY_PRICES,
                            TradingState.OPEN, FORCE_ONLY));

    public static TransitionRule of(TradingState from, TradingState to) {
        return TABLE.get(from).get(to);
    }
}
