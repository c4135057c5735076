package io.bulwark.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The body of {@code POST /api/v1/admin/markets} that tests list their markets with: all 14 required
 * parameters, so a test names only what it changes ({@code MarketJson.btcLike(name).with("maxPriceAgeSeconds", 300)}).
 * Decimals are given as strings, counts as numbers, the way the API takes them.
 */
public final class MarketJson {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, Object> fields;

    private MarketJson(Map<String, Object> fields) {
        this.fields = fields;
    }

    /**
     * A BTC-like market: tick 0.1, step and minimum size 0.001, initial margin 2 %, maintenance 1 %, maker
     * 2 bps, taker 5 bps, liquidation fee 1 %, funding hourly capped at 0.5 %, price band 500 bps,
     * post-only band 100 bps, jumps over 1000 bps quarantined, prices stale after 30 s.
     */
    public static MarketJson btcLike(String market) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("market", market);
        fields.put("tickSize", "0.1");
        fields.put("stepSize", "0.001");
        fields.put("minSize", "0.001");
        fields.put("initialMarginFraction", "0.02");
        fields.put("maintenanceMarginFraction", "0.01");
        fields.put("makerFee", "0.0002");
        fields.put("takerFee", "0.0005");
        fields.put("liquidationFee", "0.01");
        fields.put("fundingIntervalSeconds", 3600);
        fields.put("maxFundingRate", "0.005");
        fields.put("priceBandBps", 500);
        fields.put("postOnlyBandBps", 100);
        fields.put("maxPriceJumpBps", 1000);
        fields.put("maxPriceAgeSeconds", 30);
        return new MarketJson(fields);
    }

    /**
     * A market priced around 100: tick, step and minimum size 0.01, initial margin 5 %, maintenance 3 %;
     * the rest as {@link #btcLike}.
     */
    public static MarketJson cents(String market) {
        return btcLike(market)
                .with("tickSize", "0.01")
                .with("stepSize", "0.01")
                .with("minSize", "0.01")
                .with("initialMarginFraction", "0.05")
                .with("maintenanceMarginFraction", "0.03");
    }

    /** This body with {@code field} set to {@code value} (a String for a decimal, a number for a count). */
    public MarketJson with(String field, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(fields);
        changed.put(field, value);
        return new MarketJson(changed);
    }

    public String json() {
        return JSON.writeValueAsString(fields);
    }

    @Override
    public String toString() {
        return json();
    }
}
