package io.bulwark.oracle;

import io.bulwark.engine.EngineView;
import io.bulwark.engine.oracle.OracleSources;
import io.bulwark.engine.oracle.PriceHealth;
import io.bulwark.engine.oracle.Quote;
import io.bulwark.engine.oracle.SourcePrice;
import io.bulwark.engine.oracle.SourceState;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/v1/admin/oracle/sources}: every market's oracle with each source it has heard from, and
 * the quarantined sources. Ages are against engine time ({@code time}), which moves with every command.
 */
record OracleSourcesResponse(Instant time, List<MarketOracle> markets, List<Quarantined> quarantined) {

    /**
     * One market: its index and price health, the fresh prices the index is the median of, the updates in
     * a row on which all its sources agreed beyond the jump limit (a re-anchor at 3), the last re-anchor.
     */
    record MarketOracle(
            String market,
            BigDecimal indexPrice,
            boolean priceHealthy,
            PriceHealth priceHealth,
            List<SourcePrice> sourcePrices,
            int reanchorVotes,
            LastReanchor lastReanchor,
            List<Source> sources) {}

    /**
     * One source in one market: its state, its last accepted price (what counts toward the index while
     * fresh) and its age in milliseconds, its last offered price and whether that was refused as a jump,
     * and how many of its updates the market refused.
     */
    record Source(
            String source,
            SourceState state,
            BigDecimal lastPrice,
            Instant lastTimestamp,
            Long ageMillis,
            boolean fresh,
            BigDecimal lastOfferedPrice,
            Instant lastOfferedTimestamp,
            boolean lastOfferRefused,
            long rejections) {}

    record Quarantined(String source, String reason, String actor, Instant since) {}

    static OracleSourcesResponse of(long clock, List<EngineView.MarketView> markets, EngineView.OracleSourcesView all) {
        List<MarketOracle> oracles = markets.stream()
                .map(m -> new MarketOracle(
                        m.spec().market(),
                        m.indexPrice(),
                        m.priceHealthy(),
                        m.oracle().health(),
                        m.oracle().sourcePrices(),
                        m.oracle().reanchorVotes(),
                        LastReanchor.of(m.oracle().lastReanchor()),
                        all.sources().stream()
                                .filter(s -> s.market().equals(m.spec().market()))
                                .map(s -> source(clock, s))
                                .toList()))
                .toList();
        return new OracleSourcesResponse(
                Instant.ofEpochMilli(clock),
                oracles,
                all.quarantined().stream()
                        .map(OracleSourcesResponse::quarantined)
                        .toList());
    }

    private static Source source(long clock, EngineView.OracleSourceView s) {
        Optional<Quote> accepted = s.accepted();
        Optional<Quote> offered = s.offered();
        return new Source(
                s.source(),
                s.state(),
                accepted.map(Quote::price).orElse(null),
                accepted.map(q -> Instant.ofEpochMilli(q.timestamp())).orElse(null),
                accepted.map(q -> clock - q.timestamp()).orElse(null),
                s.fresh(),
                offered.map(Quote::price).orElse(null),
                offered.map(q -> Instant.ofEpochMilli(q.timestamp())).orElse(null),
                s.offeredRefused(),
                s.rejections());
    }

    private static Quarantined quarantined(OracleSources.Quarantine q) {
        return new Quarantined(q.source(), q.reason(), q.actor(), Instant.ofEpochMilli(q.since()));
    }
}
