package io.bulwark.oracle;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The demo price feed ({@code bulwark.oracle.*}).
 *
 * @param simulated post simulated prices (env {@code BULWARK_ORACLE_SIMULATED}); false leaves prices to
 *     {@code POST /api/v1/oracle/prices}; unset (null): only in the embedded demo ({@link SimulatedOracleCondition})
 * @param interval how often every market gets a price from each simulated source
 * @param maxStepBps the largest move of one step of the random walk
 * @param startPrices the first price of each market ({@code bulwark.oracle.start-prices[BTC-USD-PERP]});
 *     markets without one start from their index
 */
@ConfigurationProperties("bulwark.oracle")
public record SimulatedOracleProperties(
        Boolean simulated,
        @DefaultValue("1s") Duration interval,
        @DefaultValue("5") int maxStepBps,
        Map<String, BigDecimal> startPrices) {

    /** Where the seeded markets start unless {@code bulwark.oracle.start-prices[MARKET]} says otherwise. */
    static final Map<String, BigDecimal> SEED_PRICES = Map.of(
            "BTC-USD-PERP",
            new BigDecimal("65000"),
            "ETH-USD-PERP",
            new BigDecimal("3500"),
            "SOL-USD-PERP",
            new BigDecimal("150"));

    public SimulatedOracleProperties {
        java.util.Map<String, BigDecimal> merged = new java.util.HashMap<>(SEED_PRICES);
        if (startPrices != null) {
            merged.putAll(startPrices);
        }
        startPrices = Map.copyOf(merged);
    }
}
