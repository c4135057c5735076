package io.bulwark.incident;

import io.bulwark.engine.event.OraclePriceAccepted;
import io.bulwark.engine.market.MarketSpec;
import io.bulwark.engine.oracle.OracleFeed;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The reference price of a market at a moment of the journal. Where the operator supplied prices for the
 * market, the latest of them at or before that moment ({@code OPERATOR}). Otherwise the index an honest
 * feed would have had ({@code INDEX_WITHOUT_EXCLUDED}): the accepted oracle updates of the sources not
 * excluded, replayed in journal order through the engine's own {@link OracleFeed} (same median, freshness,
 * jump and health rules), usable only while that feed would have been healthy.
 */
final class ReferencePrices {
    static final String OPERATOR = "OPERATOR";
    static final String INDEX_WITHOUT_EXCLUDED = "INDEX_WITHOUT_EXCLUDED";

    /** A reference price and where it came from. */
    record Reference(BigDecimal price, String source) {}

    private final Set<String> excludedSources;
    private final Map<String, TreeMap<Long, BigDecimal>> operatorPrices;
    private final Map<String, MarketSpec> specs;
    private final TreeMap<String, OracleFeed> honestFeeds = new TreeMap<>();

    ReferencePrices(
            Set<String> excludedSources,
            Map<String, TreeMap<Long, BigDecimal>> operatorPrices,
            Map<String, MarketSpec> specs) {
        this.excludedSources = Set.copyOf(excludedSources);
        this.operatorPrices = operatorPrices;
        this.specs = specs;
    }

    /** Feeds one accepted update, as the engine saw it at {@code now}, unless its source is excluded. */
    void accept(OraclePriceAccepted update, long now) {
        MarketSpec spec = specs.get(update.market());
        if (spec == null || excludedSources.contains(update.source())) {
            return;
        }
        honestFeeds
                .computeIfAbsent(update.market(), m -> new OracleFeed())
                .offer(update.source(), update.price().toPlainString(), update.timestamp(), now, spec, Set.of());
    }

    /** The reference price for {@code market} at {@code now}, or why there is none. */
    Optional<Reference> at(String market, long now) {
        TreeMap<Long, BigDecimal> supplied = operatorPrices.get(market);
        if (supplied != null) {
            Map.Entry<Long, BigDecimal> latest = supplied.floorEntry(now);
            return Optional.ofNullable(latest).map(e -> new Reference(e.getValue(), OPERATOR));
        }
        OracleFeed feed = honestFeeds.get(market);
        MarketSpec spec = specs.get(market);
        if (feed == null || spec == null || !feed.healthy(now, spec)) {
            return Optional.empty();
        }
        return Optional.of(new Reference(feed.index(), INDEX_WITHOUT_EXCLUDED));
    }

    /** Why {@link #at} found nothing, in the report's words. */
    String missing(String market) {
        return operatorPrices.containsKey(market)
                ? "no operator price for " + market + " at or before this time"
                : "no healthy index for " + market + " from the sources not excluded at this time";
    }
}
