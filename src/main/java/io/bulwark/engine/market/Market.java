package io.bulwark.engine.market;

import io.bulwark.engine.state.TradingState;

/** One market's live state. Grows with the book, prices and funding in later features. */
public final class Market {
    private MarketSpec spec;
    private TradingState state;

    public Market(MarketSpec spec, TradingState state) {
        this.spec = spec;
        this.state = state;
    }

    public MarketSpec spec() {
        return spec;
    }

    public TradingState state() {
        return state;
    }

    void respec(MarketSpec spec) {
        this.spec = spec;
    }

    void changeState(TradingState state) {
        this.state = state;
    }
}
