package io.bulwark.engine;

/** Engines for benchmarks outside this package: the full-scan liquidation check is the "before" of issue 15. */
public final class EngineVariants {
    private EngineVariants() {}

    /** {@link Engine#restore}, its liquidation check assessing every account with a position. */
    public static Engine restoreWithFullLiquidationScan(byte[] snapshot) {
        return Engine.restoreWithFullLiquidationScan(snapshot);
    }
}
