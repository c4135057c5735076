package io.bulwark.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MarketJsonTests {

    @Test
    void theBodyNamesAllFourteenParametersDecimalsAsStrings() {
        assertThat(MarketJson.btcLike("T-USD-PERP").json())
                .isEqualTo(
                        "{\"market\":\"T-USD-PERP\",\"tickSize\":\"0.1\",\"stepSize\":\"0.001\",\"minSize\":\"0.001\","
                                + "\"initialMarginFraction\":\"0.02\",\"maintenanceMarginFraction\":\"0.01\","
                                + "\"makerFee\":\"0.0002\",\"takerFee\":\"0.0005\",\"liquidationFee\":\"0.01\","
                                + "\"fundingIntervalSeconds\":3600,\"maxFundingRate\":\"0.005\",\"priceBandBps\":500,"
                                + "\"postOnlyBandBps\":100,\"maxPriceJumpBps\":1000,\"maxPriceAgeSeconds\":30}");
    }

    @Test
    void withReplacesInPlaceOrAppendsAndLeavesTheOriginalAlone() {
        MarketJson base = MarketJson.btcLike("T-USD-PERP");
        String changed = base.with("maxPriceAgeSeconds", 300)
                .with("priceJumpWindowSeconds", 600)
                .json();
        assertThat(changed)
                .endsWith("\"maxPriceJumpBps\":1000,\"maxPriceAgeSeconds\":300,\"priceJumpWindowSeconds\":600}");
        assertThat(base.json()).endsWith("\"maxPriceAgeSeconds\":30}");
        assertThat(MarketJson.cents("T-USD-PERP").json())
                .startsWith(
                        "{\"market\":\"T-USD-PERP\",\"tickSize\":\"0.01\",\"stepSize\":\"0.01\",\"minSize\":\"0.01\","
                                + "\"initialMarginFraction\":\"0.05\",\"maintenanceMarginFraction\":\"0.03\",");
    }
}
