package io.bulwark.market;

import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.MarketCreated;
import io.bulwark.engine.event.MarketUpdated;
import io.bulwark.engine.event.TradingStateChanged;
import io.bulwark.engine.market.MarketSpec;
import io.bulwark.engine.state.TradingState;
import io.bulwark.journal.Committed;
import io.bulwark.journal.Projection;
import io.bulwark.journal.SqlBatch;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@code markets} table: parameters from MarketCreated/MarketUpdated, the market's own state
 * from TradingStateChanged.
 *
 * <p>One statement text serves all three events on purpose: {@link SqlBatch} runs each distinct text as
 * one JDBC batch, so rows of different texts do not keep their sequence order, while rows of one text
 * do. A null parameter means "unchanged". The WITH form also keeps the driver from rewriting the batch
 * into one multi-row INSERT, which could not touch the same market twice.
 */
@Component
class MarketProjection implements Projection {
    static final String UPSERT = """
            WITH p (market, tick_size, step_size, min_size, initial_margin_fraction, maintenance_margin_fraction,
                    maker_fee, taker_fee, liquidation_fee, funding_interval_seconds, max_funding_rate,
                    price_band_bps, post_only_band_bps, max_price_jump_bps, max_price_age_seconds,
                    price_jump_window_seconds, max_source_divergence_bps, state, seq)
            AS (VALUES (?::text, ?::numeric, ?::numeric, ?::numeric, ?::numeric, ?::numeric, ?::numeric,
                    ?::numeric, ?::numeric, ?::bigint, ?::numeric, ?::int, ?::int, ?::int, ?::bigint, ?::bigint,
                    ?::int, ?::text, ?::bigint))
            INSERT INTO markets AS m (market, tick_size, step_size, min_size, initial_margin_fraction,
                    maintenance_margin_fraction, maker_fee, taker_fee, liquidation_fee, funding_interval_seconds,
                    max_funding_rate, price_band_bps, post_only_band_bps, max_price_jump_bps,
                    max_price_age_seconds, price_jump_window_seconds, max_source_divergence_bps, state,
                    updated_sequence)
            SELECT market, COALESCE(tick_size, 0), COALESCE(step_size, 0), COALESCE(min_size, 0),
                    COALESCE(initial_margin_fraction, 0), COALESCE(maintenance_margin_fraction, 0),
                    COALESCE(maker_fee, 0), COALESCE(taker_fee, 0), COALESCE(liquidation_fee, 0),
                    COALESCE(funding_interval_seconds, 0), COALESCE(max_funding_rate, 0),
                    COALESCE(price_band_bps, 0), COALESCE(post_only_band_bps, 0), COALESCE(max_price_jump_bps, 0),
                    COALESCE(max_price_age_seconds, 0), COALESCE(price_jump_window_seconds, 0),
                    COALESCE(max_source_divergence_bps, 0), COALESCE(state, 'OPEN'), seq
            FROM p
            ON CONFLICT (market) DO UPDATE SET
                tick_size = COALESCE((SELECT tick_size FROM p), m.tick_size),
                step_size = COALESCE((SELECT step_size FROM p), m.step_size),
                min_size = COALESCE((SELECT min_size FROM p), m.min_size),
                initial_margin_fraction = COALESCE((SELECT initial_margin_fraction FROM p), m.initial_margin_fraction),
                maintenance_margin_fraction =
                    COALESCE((SELECT maintenance_margin_fraction FROM p), m.maintenance_margin_fraction),
                maker_fee = COALESCE((SELECT maker_fee FROM p), m.maker_fee),
                taker_fee = COALESCE((SELECT taker_fee FROM p), m.taker_fee),
                liquidation_fee = COALESCE((SELECT liquidation_fee FROM p), m.liquidation_fee),
                funding_interval_seconds =
                    COALESCE((SELECT funding_interval_seconds FROM p), m.funding_interval_seconds),
                max_funding_rate = COALESCE((SELECT max_funding_rate FROM p), m.max_funding_rate),
                price_band_bps = COALESCE((SELECT price_band_bps FROM p), m.price_band_bps),
                post_only_band_bps = COALESCE((SELECT post_only_band_bps FROM p), m.post_only_band_bps),
                max_price_jump_bps = COALESCE((SELECT max_price_jump_bps FROM p), m.max_price_jump_bps),
                max_price_age_seconds = COALESCE((SELECT max_price_age_seconds FROM p), m.max_price_age_seconds),
                price_jump_window_seconds =
                    COALESCE((SELECT price_jump_window_seconds FROM p), m.price_jump_window_seconds),
                max_source_divergence_bps =
                    COALESCE((SELECT max_source_divergence_bps FROM p), m.max_source_divergence_bps),
                state = COALESCE((SELECT state FROM p), m.state),
                updated_sequence = EXCLUDED.updated_sequence
            """;

    @Override
    public List<String> tables() {
        return List.of("markets");
    }

    @Override
    public void project(Committed entry, SqlBatch batch) {
        for (Event event : entry.events()) {
            switch (event) {
                case MarketCreated c -> batch.add(UPSERT, row(c.spec(), c.state(), entry.sequence()));
                case MarketUpdated u -> batch.add(UPSERT, row(u.spec(), null, entry.sequence()));
                case TradingStateChanged t
                when !t.market().isEmpty() -> batch.add(UPSERT, stateOnly(t.market(), t.to(), entry.sequence()));
                default -> {}
            }
        }
    }

    private static Object[] row(MarketSpec s, TradingState state, long sequence) {
        return new Object[] {
            s.market(),
            s.tickSize(),
            s.stepSize(),
            s.minSize(),
            s.initialMarginFraction(),
            s.maintenanceMarginFraction(),
            s.makerFee(),
            s.takerFee(),
            s.liquidationFee(),
            s.fundingIntervalSeconds(),
            s.maxFundingRate(),
            s.priceBandBps(),
            s.postOnlyBandBps(),
            s.maxPriceJumpBps(),
            s.maxPriceAgeSeconds(),
            s.priceJumpWindowSeconds(),
            s.maxSourceDivergenceBps(),
            state == null ? null : state.name(),
            sequence
        };
    }

    private static Object[] stateOnly(String market, TradingState state, long sequence) {
        Object[] row = new Object[19];
        row[0] = market;
        row[17] = state.name();
        row[18] = sequence;
        return row;
    }
}
