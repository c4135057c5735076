package io.bulwark.journal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * A replay compares the values of the recorded events, not the padding of their decimals: builds before
 * the engine kept its decimals canonical recorded some with trailing zeros ("costBasis":"-55847.7920") that
 * this build writes without them, and their journals must still replay.
 */
class ReplayComparisonTests {
    @Test
    void paddedDecimalsCompareEqualToTheirCanonicalForm() {
        String recorded = "[{\"costBasis\":\"-55847.7920\",\"realizedPnl\":\"3537.108800\",\"indexPrice\":\"62915.0\","
                + "\"size\":\"0.000\",\"price\":\"100\",\"market\":\"BTC-USD-PERP\"}]";
        String replayed = "[{\"costBasis\":\"-55847.792\",\"realizedPnl\":\"3537.1088\",\"indexPrice\":\"62915\","
                + "\"size\":\"0\",\"price\":\"100\",\"market\":\"BTC-USD-PERP\"}]";
        assertThat(Replayer.withoutTrailingZeros(recorded)).isEqualTo(Replayer.withoutTrailingZeros(replayed));
        assertThat(Replayer.withoutTrailingZeros(recorded)).isEqualTo(replayed);
    }

    @Test
    void differentValuesStillDiffer() {
        String recorded = "[{\"markPrice\":\"5988.036319\",\"price\":\"100\",\"sequence\":1200}]";
        String replayed = "[{\"markPrice\":\"5988.036320\",\"price\":\"10\",\"sequence\":120}]";
        assertThat(Replayer.withoutTrailingZeros(recorded)).isNotEqualTo(Replayer.withoutTrailingZeros(replayed));
        assertThat(Replayer.withoutTrailingZeros("[{\"price\":\"100\",\"n\":1200}]"))
                .as("whole numbers and unquoted numbers keep their zeros")
                .isEqualTo("[{\"price\":\"100\",\"n\":1200}]");
    }
}
