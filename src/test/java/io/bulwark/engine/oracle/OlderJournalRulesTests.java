package io.bulwark.engine.oracle;

import static io.bulwark.engine.TradingFloor.BTC;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.Engine;
import io.bulwark.engine.TradingFloor;
import io.bulwark.engine.command.PostOraclePrices;
import io.bulwark.engine.command.StartEngine;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A journal of an older build (its StartEngine rows name no rules version) replays under the oracle
 * rules it ran with: no windowed jump limit and no divergence rule, so its price rows give the events
 * they gave then. A term of this build applies SPEC v2's rules again, also after a snapshot.
 */
class OlderJournalRulesTests {
    private final TradingFloor floor = new TradingFloor();

    @Test
    void anOlderBuildsWalkIsAcceptedAndThisBuildsIsHeldToTheWindow() {
        floor.apply(StartEngine.of("old-build").withRules(null));
        floor.prices("65000");
        floor.prices("60000");
        floor.prices("55000"); // 15 % within the minute: the window would refuse it
        assertThat(floor.view().market(BTC).orElseThrow().indexPrice()).isEqualByComparingTo("55000");
        sources("55000", "57000");
        assertThat(floor.view().market(BTC).orElseThrow().priceHealthy())
                .as("sources 3.6 % apart were healthy before v2")
                .isTrue();

        Engine restored = Engine.restore(floor.engine.serialize());
        assertThat(restored.stateHash()).isEqualTo(floor.engine.stateHash());

        floor.apply(StartEngine.of("this-build"));
        floor.prices("55000");
        sources("55000", "57000");
        assertThat(floor.view().market(BTC).orElseThrow().priceHealthy())
                .as("sources 3.6 % apart are not trusted from v2 on")
                .isFalse();
        floor.prices("55000");
        var before = floor.view().market(BTC).orElseThrow().indexPrice();
        sources("57000", "52000"); // two of three sources walk on; the third stays: no agreement
        assertThat(floor.view().market(BTC).orElseThrow().indexPrice())
                .as("8.8 % down is within the per-update limit, 20 % below the window's 65,000 is not")
                .isEqualByComparingTo(before);
    }

    /**
     * Rules version 3 keeps oracle prices and the index canonical, as a snapshot stores them; a journal of
     * an older build (version 2) replays with its sources' padding, which the mark's rounding follows, so
     * it gives the marks it recorded (GoldenStreamTests checks a whole stream against main's outcomes).
     */
    @Test
    void paddedPricesKeepTheirScaleOnlyUnderOlderRules() {
        floor.apply(StartEngine.of("old-build").withRules(2));
        floor.prices("65000.0");
        var older = floor.view().market(BTC).orElseThrow();
        assertThat(older.indexPrice()).hasToString("65000.0");
        assertThat(older.markPrice()).as("no book: the mark is the index").hasToString("65000.0");

        floor.apply(StartEngine.of("this-build"));
        floor.prices("65000.10");
        var current = floor.view().market(BTC).orElseThrow();
        assertThat(current.indexPrice()).hasToString("65000.1");
        assertThat(current.markPrice()).hasToString("65000.1");
        floor.prices("65000.0");
        assertThat(floor.view().market(BTC).orElseThrow().indexPrice()).hasToString("65000");
        assertThat(floor.view().market(BTC).orElseThrow().markPrice()).hasToString("65000");
        Engine restored = Engine.restore(floor.engine.serialize());
        assertThat(restored.market(BTC).orElseThrow().markPrice())
                .hasToString(floor.view().market(BTC).orElseThrow().markPrice().toString());
    }

    private void sources(String low, String high) {
        long stamp = floor.now + 1000;
        floor.apply(new PostOraclePrices(List.of(
                new PostOraclePrices.Quote(BTC, "a", low, stamp),
                new PostOraclePrices.Quote(BTC, "b", high, stamp),
                new PostOraclePrices.Quote(BTC, "c", high, stamp))));
    }
}
