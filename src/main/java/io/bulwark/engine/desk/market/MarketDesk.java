package io.bulwark.engine.desk.market;

import static io.bulwark.engine.command.Rejection.Code.MARKET_EXISTS;
import static io.bulwark.engine.command.Rejection.Code.UNKNOWN_MARKET;
import static io.bulwark.engine.command.Rejection.Code.VALIDATION_FAILED;
import static io.bulwark.engine.event.Outcome.reject;

import io.bulwark.engine.command.CreateMarket;
import io.bulwark.engine.command.UpdateMarket;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.MarketCreated;
import io.bulwark.engine.event.MarketUpdated;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.market.MarketSpec;
import io.bulwark.engine.position.Portfolios;
import io.bulwark.engine.state.ExchangeStatus;
import io.bulwark.engine.state.Market;
import io.bulwark.engine.state.Markets;
import io.bulwark.engine.state.TradingState;
import java.util.List;
import java.util.Optional;

/** Markets: creating and re-specifying them (tick and step only while nothing rests or is open). */
public final class MarketDesk {
    private final Markets markets;
    private final Portfolios portfolios;
    private final ExchangeStatus status;

    public MarketDesk(Markets markets, Portfolios portfolios, ExchangeStatus status) {
        this.markets = markets;
        this.portfolios = portfolios;
        this.status = status;
    }

    public Optional<Outcome> createMarket(CreateMarket c, List<Event> events) {
        MarketSpec spec = c.spec();
        if (markets.contains(spec.market())) {
            return reject(MARKET_EXISTS, "market " + spec.market() + " already exists");
        }
        Optional<Outcome> invalid = invalid(spec);
        if (invalid.isPresent()) {
            return invalid;
        }
        Market market = markets.add(spec, TradingState.OPEN);
        events.add(new MarketCreated(spec, market.state()));
        return Optional.empty();
    }

    public Optional<Outcome> updateMarket(UpdateMarket c, List<Event> events) {
        Optional<Market> market = markets.get(c.market());
        if (market.isEmpty()) {
            return reject(UNKNOWN_MARKET, "no market " + c.market());
        }
        MarketSpec spec = c.patch().applyTo(market.get().spec());
        MarketSpec before = market.get().spec();
        boolean regrids = spec.tickSize().compareTo(before.tickSize()) != 0
                || spec.stepSize().compareTo(before.stepSize()) != 0;
        if (regrids
                && (!market.get().book().isEmpty()
                        || !market.get().triggers().isEmpty()
                        || portfolios.hasPositions(c.market()))) {
            return reject(
                    VALIDATION_FAILED,
                    "tickSize and stepSize can change only while " + c.market() + " has no orders and no positions");
        }
        Optional<Outcome> invalid = invalid(spec);
        if (invalid.isPresent()) {
            return invalid;
        }
        markets.respec(c.market(), spec);
        events.add(new MarketUpdated(spec));
        return Optional.empty();
    }

    private static Optional<Outcome> invalid(MarketSpec spec) {
        List<MarketSpec.Violation> violations = spec.violations();
        if (violations.isEmpty()) {
            return Optional.empty();
        }
        MarketSpec.Violation first = violations.getFirst();
        return reject(VALIDATION_FAILED, first.field() + " " + first.message());
    }
}
