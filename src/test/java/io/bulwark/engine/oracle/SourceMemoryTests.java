package io.bulwark.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.Engine;
import io.bulwark.engine.command.RevokeApiKey;
import io.bulwark.engine.command.StartEngine;
import org.junit.jupiter.api.Test;

/**
 * The oracle's per-source memory is bounded (issue 12 item 4): a source that has sent nothing for
 * oracleSourceRetentionSeconds of engine time, and has no fresh price, is forgotten in the market, so the
 * memory holds the sources heard from lately and not every key ever issued. A forgotten source had no say
 * any more, so the index and its health never change by it.
 */
class SourceMemoryTests {
    private final OracleFloor oracle = new OracleFloor();

    private void retention(Long seconds) {
        oracle.applied(StartEngine.of("test").withFundingSampleSeconds(60).withOracleSourceRetentionSeconds(seconds));
    }

    private java.util.List<String> sources() {
        return oracle.floor.engine.oracleSources().sources().stream()
                .map(s -> s.source())
                .toList();
    }

    @Test
    void aRevokedKeysSourceIsForgottenOnceSilentForTheRetention() {
        retention(120L);
        oracle.agree("65000", "a", "b", "c");
        oracle.agree("65000", "a", "b", "c");
        oracle.applied(new RevokeApiKey("key_c"));
        for (int i = 0; i < 39; i++) { // 3 s a round
            oracle.agree("65000", "a", "b");
            oracle.tick(1);
        }
        assertThat(sources()).as("silent for 118 s").contains("c");
        oracle.agree("65000", "a", "b");
        oracle.tick(1);

        assertThat(sources()).containsExactly("a", "b");
        assertThat(oracle.index()).isEqualByComparingTo("65000");
        assertThat(oracle.health()).isEqualTo(PriceHealth.HEALTHY);
    }

    @Test
    void aSourceWithAFreshPriceIsNeverForgottenHoweverShortTheRetention() {
        retention(1L); // an operator's typo: shorter than maxPriceAgeSeconds (30 s)
        oracle.agree("65000", "a", "b", "c");
        oracle.tick(5);

        assertThat(sources()).containsExactly("a", "b", "c");
        assertThat(oracle.market().oracle().sourcePrices()).hasSize(3);
        oracle.tick(30);
        assertThat(sources()).as("stale and silent: gone").isEmpty();
        assertThat(oracle.index()).as("the index stays where it was").isEqualByComparingTo("65000");
    }

    @Test
    void anOlderBuildsStartEngineForgetsNoSourceAndReplayAgrees() {
        oracle.applied(StartEngine.of("old-build").withFundingSampleSeconds(60).withRules(2));
        oracle.agree("65000", "a", "b", "c");
        Engine restored = Engine.restore(oracle.floor.engine.serialize());
        oracle.tick(600);
        assertThat(sources()).containsExactly("a", "b", "c");

        retention(120L);
        oracle.tick(119);
        assertThat(sources())
                .as("their silence counts from the start that set the retention")
                .hasSize(3);
        oracle.tick(1);
        assertThat(sources()).isEmpty();

        long now = oracle.floor.now - 721_000;
        for (int i = 0; i < 600; i++) {
            restored.apply(new io.bulwark.engine.command.Tick(), now += 1000);
        }
        restored.apply(
                StartEngine.of("test").withFundingSampleSeconds(60).withOracleSourceRetentionSeconds(120L),
                now += 1000);
        for (int i = 0; i < 120; i++) {
            restored.apply(new io.bulwark.engine.command.Tick(), now += 1000);
        }
        assertThat(restored.stateHash()).isEqualTo(oracle.floor.engine.stateHash());
    }
}
