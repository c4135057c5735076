package io.bulwark.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.engine.market.MarketPatch;
import io.bulwark.engine.market.MarketSpec;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The seeded markets: SPEC section 3 by default, the operator's choice when configured. */
class MarketsPropertiesTests {

    private static MarketsProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("bulwark.markets", MarketsProperties.class);
    }

    private static BigDecimal d(String value) {
        return new BigDecimal(value);
    }

    @Test
    void seedsTheSpecMarketsWithTheSpecDefaults() {
        List<MarketSpec> specs = bind(Map.of()).specs();
        assertThat(specs)
                .containsExactly(
                        spec("BTC-USD-PERP", "0.1", "0.001", "0.02", "0.01"),
                        spec("ETH-USD-PERP", "0.01", "0.01", "0.05", "0.03"),
                        spec("SOL-USD-PERP", "0.001", "0.1", "0.10", "0.05"));
        assertThat(specs).allSatisfy(s -> assertThat(s.violations()).isEmpty());
    }

    private static MarketSpec spec(String market, String tick, String step, String imf, String mmf) {
        return MarketPatch.NONE
                .withTickSize(d(tick))
                .withStepSize(d(step))
                .withMinSize(d(step))
                .withInitialMarginFraction(d(imf))
                .withMaintenanceMarginFraction(d(mmf))
                .withMakerFee(d("0.0002"))
                .withTakerFee(d("0.0005"))
                .withLiquidationFee(d("0.01"))
                .withFundingIntervalSeconds(3600L)
                .withMaxFundingRate(d("0.005"))
                .withPriceBandBps(500)
                .withPostOnlyBandBps(100)
                .withMaxPriceJumpBps(1000)
                .withMaxPriceAgeSeconds(30L)
                .withPriceJumpWindowSeconds(60L)
                .withMaxSourceDivergenceBps(200)
                .toSpec(market);
    }

    @Test
    void operatorsCanReplaceTheListAndTheDefaults() {
        MarketsProperties properties = bind(Map.of(
                "bulwark.markets.defaults.taker-fee", "0.0007",
                "bulwark.markets.seed[0].market", "DOGE-USD-PERP",
                "bulwark.markets.seed[0].tick-size", "0.00001",
                "bulwark.markets.seed[0].step-size", "10",
                "bulwark.markets.seed[0].min-size", "100",
                "bulwark.markets.seed[0].initial-margin-fraction", "0.2",
                "bulwark.markets.seed[0].maintenance-margin-fraction", "0.1",
                "bulwark.markets.seed[0].price-band-bps", "800"));
        assertThat(properties.specs()).singleElement().satisfies(s -> {
            assertThat(s.market()).isEqualTo("DOGE-USD-PERP");
            assertThat(s.minSize()).isEqualByComparingTo("100");
            assertThat(s.takerFee()).isEqualByComparingTo("0.0007");
            assertThat(s.makerFee()).isEqualByComparingTo("0.0002");
            assertThat(s.priceBandBps()).isEqualTo(800);
            assertThat(s.violations()).isEmpty();
        });
    }

    @Test
    void anIncompleteSeedEntryIsAConfigurationError() {
        MarketsProperties properties = bind(Map.of("bulwark.markets.seed[0].market", "X-USD-PERP"));
        assertThatThrownBy(properties::specs).hasMessageContaining("tick-size");
    }

    @Test
    void aSeedThatBreaksAMarketRuleStopsTheStart() {
        MarketsProperties properties = bind(Map.of(
                "bulwark.markets.seed[0].market", "BTC-USD-PERP",
                "bulwark.markets.seed[0].tick-size", "0.1",
                "bulwark.markets.seed[0].step-size", "0.001",
                "bulwark.markets.seed[0].initial-margin-fraction", "0.01",
                "bulwark.markets.seed[0].maintenance-margin-fraction", "0.02"));
        assertThatThrownBy(() -> new MarketSeeder(properties))
                .hasMessageContaining("BTC-USD-PERP.maintenanceMarginFraction");
    }

    /** The lists of parameters cannot drift: a new one in MarketSpec must be in MarketPatch and Seed too. */
    @Test
    void specPatchAndSeedNameTheSameParameters() {
        List<String> spec = names(MarketSpec.class);
        assertThat(spec.getFirst()).isEqualTo("market");
        assertThat(names(MarketPatch.class)).isEqualTo(spec.subList(1, spec.size()));
        assertThat(names(MarketsProperties.Seed.class)).isEqualTo(spec);
        assertThat(MarketSpec.ABSENT_MEANS.keySet())
                .allSatisfy(name -> assertThat(spec).contains(name));
    }

    /** Each {@code with…} method sets its own parameter and no other (they name it as text). */
    @Test
    void eachWithMethodSetsItsOwnParameter() throws ReflectiveOperationException {
        MarketPatch full = MarketPatch.of(spec("BTC-USD-PERP", "0.1", "0.001", "0.02", "0.01"));
        for (RecordComponent c : MarketPatch.class.getRecordComponents()) {
            String name = c.getName();
            Method with = MarketPatch.class.getMethod(
                    "with" + Character.toUpperCase(name.charAt(0)) + name.substring(1), c.getType());
            MarketPatch patch = (MarketPatch) with.invoke(MarketPatch.NONE, full.get(name));
            assertThat(patch.get(name)).as(name).isEqualTo(full.get(name));
            assertThat(patch.unset()).as(name).hasSize(names(MarketPatch.class).size() - 1);
        }
    }

    private static List<String> names(Class<? extends Record> type) {
        return Arrays.stream(type.getRecordComponents())
                .map(RecordComponent::getName)
                .toList();
    }
}
