package io.bulwark.engine.state;

import io.bulwark.engine.funding.FundingState;
import io.bulwark.engine.market.MarketSpec;
import io.bulwark.engine.oracle.OracleFeed;
import io.bulwark.engine.oracle.OracleSources;
import io.bulwark.engine.snapshot.CanonicalReader;
import io.bulwark.engine.snapshot.CanonicalWriter;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Optional;
import java.util.TreeMap;

/** All markets, in name order, and the oracle sources an operator quarantined (for all of them). */
public final class Markets {
    private final TreeMap<String, Market> markets = new TreeMap<>();
    private RuleSet oracleRules = new RuleSet(RuleSet.CURRENT);
    /** How long a silent oracle source is remembered, from the engine's limits; empty: for ever. */
    private java.util.OptionalLong sourceRetentionMillis = java.util.OptionalLong.empty();

    private final OracleSources oracleSources = new OracleSources();

    public OracleSources oracleSources() {
        return oracleSources;
    }

    public Optional<Market> get(String market) {
        return Optional.ofNullable(markets.get(market));
    }

    public boolean contains(String market) {
        return markets.containsKey(market);
    }

    public Collection<Market> all() {
        return markets.values();
    }

    public Market add(MarketSpec spec, TradingState state) {
        Market market = new Market(spec, state);
        market.oracle().useRules(oracleRules.v2(), oracleRules.canonicalPrices());
        market.oracle().countSilence(sourceRetentionMillis.isPresent(), 0); // no source yet to time
        markets.put(spec.market(), market);
        return market;
    }

    /**
     * Which oracle rules every market's oracle, and each one listed later, applies (SPEC v2's, canonical
     * prices): the engine's rule set, so a journal of an older build replays as it ran.
     */
    public void useOracleRules(RuleSet rules) {
        oracleRules = new RuleSet(rules.version());
        markets.values().forEach(m -> m.oracle().useRules(rules.v2(), rules.canonicalPrices()));
    }

    /**
     * How long every market's oracle, and each one listed later, remembers a silent source (the engine's
     * limits, so a journal of an older build replays as it ran); sources not yet timed count from {@code now}.
     */
    public void useSourceRetention(java.util.OptionalLong retentionMillis, long now) {
        sourceRetentionMillis = retentionMillis;
        markets.values().forEach(m -> m.oracle().countSilence(retentionMillis.isPresent(), now));
    }

    /** Forgets, in every market, the oracle sources silent for longer than the retention. */
    public void forgetSilentSources(long now) {
        if (sourceRetentionMillis.isPresent()) {
            markets.values()
                    .forEach(m -> m.oracle().forgetSilentSources(now, sourceRetentionMillis.getAsLong(), m.spec()));
        }
    }

    public void respec(String market, MarketSpec spec) {
        markets.get(market).respec(spec);
    }

    public void writeTo(CanonicalWriter out) {
        out.writeInt(markets.size());
        for (Market m : markets.values()) {
            m.spec().writeTo(out);
            out.writeEnum(m.state())
                    .writeLong(m.stateSince())
                    .writeOptionalDecimal(m.lastTradePrice())
                    .writeDecimal(m.basisEma());
            m.oracle().writeTo(out);
            m.funding().writeTo(out);
            out.writeBoolean(m.priceEverHealthy());
        }
        oracleSources.writeTo(out);
    }

    public static Markets readFrom(CanonicalReader in) {
        Markets markets = new Markets();
        for (int i = 0, n = in.readInt(); i < n; i++) {
            // Format 3 added the v2 oracle limits; a market from an older snapshot gets the defaults.
            MarketSpec spec = MarketSpec.readFrom(in);
            TradingState state = in.readEnum(TradingState.class);
            long stateSince = in.readLong();
            BigDecimal lastTrade = in.readOptionalDecimal();
            BigDecimal basisEma = in.readDecimal();
            OracleFeed oracle = OracleFeed.readFrom(in);
            Market market = new Market(spec, state, oracle, FundingState.readFrom(in));
            markets.markets.put(spec.market(), market);
            if (lastTrade != null) {
                market.traded(lastTrade);
            }
            market.updateBasisEma(basisEma);
            market.changeState(state, stateSince);
            // Before format 3 it was not kept: enough consecutive accepted updates prove it was healthy once.
            market.restorePriceEverHealthy(
                    in.formatVersion() >= 3
                            ? in.readBoolean()
                            : oracle.consecutiveAccepted() >= OracleFeed.HEALTHY_AFTER);
        }
        if (in.formatVersion() >= 3) {
            markets.oracleSources.readFrom(in);
        }
        return markets;
    }
}
