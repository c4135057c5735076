package io.bulwark.market;

import io.bulwark.engine.command.CreateMarket;
import io.bulwark.engine.command.UpdateMarket;
import io.bulwark.engine.event.MarketCreated;
import io.bulwark.engine.event.MarketUpdated;
import io.bulwark.engine.market.MarketPatch;
import io.bulwark.engine.market.MarketSpec;
import io.bulwark.web.ApiException;
import io.bulwark.web.EngineClient;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;

/**
 * Markets: read from the view the engine publishes after each commit (never queued behind orders), created
 * and changed through engine commands.
 */
@Service
class MarketCatalog {
    private final EngineClient engine;

    MarketCatalog(EngineClient engine) {
        this.engine = engine;
    }

    List<MarketResponse> all() {
        return engine.publicView().markets().stream().map(MarketResponse::of).toList();
    }

    MarketResponse get(String market) {
        return engine.publicView()
                .market(market)
                .map(MarketResponse::of)
                .orElseThrow(() -> ApiException.notFound("UNKNOWN_MARKET", "no market " + market));
    }

    MarketResponse create(MarketSpec spec, String actor) {
        String violations = spec.violations().stream()
                .map(v -> v.field() + ": " + v.message())
                .collect(Collectors.joining("; "));
        if (!violations.isEmpty()) {
            throw ApiException.badRequest(violations);
        }
        var applied = engine.apply(new CreateMarket(spec), actor);
        return answer(EngineClient.event(applied, MarketCreated.class).spec());
    }

    MarketResponse update(String market, MarketPatch patch, String actor) {
        if (patch.changesNothing()) {
            throw ApiException.badRequest("the patch changes nothing: give at least one market parameter");
        }
        var applied = engine.apply(new UpdateMarket(market, patch), actor);
        return answer(EngineClient.event(applied, MarketUpdated.class).spec());
    }

    /**
     * A create's or update's answer: the parameters as the command's event has them (a later update cannot
     * slip into it); the states and prices, which the command did not produce, as the view published with
     * its commit has them.
     */
    private MarketResponse answer(MarketSpec applied) {
        return get(applied.market()).withSpec(applied);
    }
}
