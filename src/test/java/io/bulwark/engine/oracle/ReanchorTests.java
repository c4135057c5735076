package io.bulwark.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.Engine;
import io.bulwark.engine.command.ReanchorOracle;
import io.bulwark.engine.command.Rejection;
import io.bulwark.engine.command.StartEngine;
import io.bulwark.engine.desk.oracle.OracleDesk;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.OracleReanchored;
import io.bulwark.engine.event.Outcome;
import io.bulwark.journal.JournalCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SPEC section 6 (v2): a real move beyond the jump limit is not refused forever. When every fresh active source
 * (two or more) agrees on it for 3 updates in a row, the index re-anchors there; an operator can re-anchor by
 * hand to the median of the fresh active sources.
 */
class ReanchorTests {
    private final OracleFloor oracle = new OracleFloor();

    @Test
    void twoSourcesAgreeingThreeTimesOnARealMoveReanchorTheIndexThere() {
        oracle.agree("65000", "a", "b", "a");
        assertThat(oracle.post("a", "57000")).contains(PriceRejection.PRICE_JUMP);
        assertThat(oracle.post("b", "57000")).as("1st agreeing update").contains(PriceRejection.PRICE_JUMP);
        assertThat(oracle.post("a", "57000")).as("2nd").contains(PriceRejection.PRICE_JUMP);
        assertThat(oracle.health()).isEqualTo(PriceHealth.UNCONFIRMED);
        assertThat(oracle.market().oracle().reanchorVotes()).isEqualTo(2);

        List<Event> third = oracle.postAs(oracle.key("b"), oracle.quote("b", "57100"));

        assertThat(OracleFloor.verdicts(third))
                .as("3rd: accepted by re-anchoring")
                .containsOnly(java.util.Optional.empty());
        assertThat(third)
                .filteredOn(OracleReanchored.class::isInstance)
                .singleElement()
                .isInstanceOfSatisfying(OracleReanchored.class, r -> {
                    assertThat(r.cause()).isEqualTo(ReanchorCause.AGREEMENT);
                    assertThat(r.fromPrice()).isEqualByComparingTo("65000");
                    assertThat(r.toPrice()).isEqualByComparingTo("57050");
                    assertThat(r.priceHealthy())
                            .as("confirmed by the agreeing updates")
                            .isTrue();
                    assertThat(r.actor()).isEqualTo(OracleDesk.AGREEMENT_ACTOR);
                    assertThat(r.sources()).extracting(SourcePrice::source).containsExactly("a", "b");
                });
        assertThat(oracle.index()).isEqualByComparingTo("57050");
        assertThat(oracle.health()).isEqualTo(PriceHealth.HEALTHY);
        assertThat(oracle.market().oracle().lastReanchor())
                .hasValueSatisfying(r -> assertThat(r.cause()).isEqualTo(ReanchorCause.AGREEMENT));
        oracle.agree("57000", "a");
        assertThat(oracle.post("b", "65000"))
                .as("a jump back is refused like any other")
                .contains(PriceRejection.PRICE_JUMP);
    }

    @Test
    void aFreshSourceStillQuotingTheOldPriceBlocksItUntilItFallsSilent() {
        oracle.agree("65000", "a", "b", "c");
        for (int i = 0; i < 5; i++) {
            oracle.post("a", "57000");
            oracle.post("b", "57000");
            oracle.agree("65000", "c");
        }
        assertThat(oracle.index()).isEqualByComparingTo("65000");
        oracle.tick(31); // c, and everyone, goes stale
        oracle.post("a", "57000");
        oracle.post("b", "57000");
        oracle.post("a", "57000");
        assertThat(oracle.index())
                .as("still 2 votes: a and b are the fresh sources now")
                .isEqualByComparingTo("65000");
        assertThat(oracle.post("b", "57000")).isEmpty();
        assertThat(oracle.index()).isEqualByComparingTo("57000");
    }

    @Test
    void sourcesThatDisagreeWithEachOtherDoNotReanchor() {
        oracle.agree("65000", "a", "b", "a");
        for (int i = 0; i < 5; i++) {
            oracle.post("a", "57000");
            oracle.post("b", "50000"); // 14 % apart: they do not agree
        }
        assertThat(oracle.index()).isEqualByComparingTo("65000");
        assertThat(oracle.market().oracle().reanchorVotes()).isZero();
    }

    @Test
    void aLoneSourceNeverReanchorsAMarketByItself() {
        oracle.agree("65000", "a", "a", "a");
        for (int i = 0; i < 10; i++) {
            assertThat(oracle.post("a", "40000")).contains(PriceRejection.PRICE_JUMP);
        }
        assertThat(oracle.index()).isEqualByComparingTo("65000");
        assertThat(oracle.reanchor()).isInstanceOf(Outcome.Applied.class);
        assertThat(oracle.index())
                .as("an operator can, to the lone source's latest price")
                .isEqualByComparingTo("40000");
    }

    @Test
    void votesCastBeforeARestartDoNotCount() {
        oracle.agree("65000", "a", "b", "a");
        oracle.post("a", "57000");
        oracle.post("b", "57000");
        oracle.post("a", "57000");
        oracle.applied(StartEngine.of("restart").withFundingSampleSeconds(60));
        assertThat(oracle.market().oracle().reanchorVotes()).isZero();
        oracle.post("b", "57000");
        oracle.post("a", "57000");
        assertThat(oracle.index()).isEqualByComparingTo("65000");
        assertThat(oracle.post("b", "57000"))
                .as("3 agreeing updates since the start")
                .isEmpty();
        assertThat(oracle.index()).isEqualByComparingTo("57000");
        assertThat(oracle.health()).isEqualTo(PriceHealth.HEALTHY);
    }

    @Test
    void anOperatorReanchorsToTheMedianOfTheFreshActiveSourcesAndWaitsForConfirmation() {
        oracle.agree("65000", "a", "b", "c");
        oracle.post("a", "57000");
        oracle.post("b", "56000");
        oracle.tick(28); // c's 65000 goes stale, a's and b's refused prices not yet

        List<Event> events = oracle.applied(new ReanchorOracle(OracleFloor.BTC, "feeds moved", "ops"));

        assertThat(events).singleElement().isInstanceOfSatisfying(OracleReanchored.class, r -> {
            assertThat(r.cause()).isEqualTo(ReanchorCause.ADMIN);
            assertThat(r.toPrice()).isEqualByComparingTo("56500");
            assertThat(r.actor()).isEqualTo("ops");
            assertThat(r.reason()).isEqualTo("feeds moved");
            assertThat(r.priceHealthy()).isFalse();
        });
        assertThat(oracle.index()).isEqualByComparingTo("56500");
        assertThat(oracle.health()).isEqualTo(PriceHealth.UNCONFIRMED);
        oracle.agree("56500", "a", "b", "a");
        assertThat(oracle.health()).isEqualTo(PriceHealth.HEALTHY);
    }

    @Test
    void withoutAFreshActiveSourceThereIsNothingToReanchorTo() {
        assertThat(rejection(oracle.reanchor())).isEqualTo(Rejection.Code.NO_FRESH_SOURCE);
        oracle.agree("65000", "a", "b", "c");
        oracle.tick(31);
        assertThat(rejection(oracle.reanchor())).isEqualTo(Rejection.Code.NO_FRESH_SOURCE);
        oracle.agree("65000", "a");
        oracle.quarantine("a");
        assertThat(rejection(oracle.reanchor())).isEqualTo(Rejection.Code.NO_FRESH_SOURCE);
        assertThat(rejection(oracle.floor.apply(new ReanchorOracle("DOGE-USD-PERP", "r", "ops"))))
                .isEqualTo(Rejection.Code.UNKNOWN_MARKET);
    }

    @Test
    void votesWindowAndReanchorSurviveASnapshotAndReplayTheSame() {
        oracle.agree("65000", "a", "b", "a");
        oracle.agree("63050", "a");
        oracle.post("a", "57000");
        oracle.post("b", "57000");
        Engine restored = Engine.restore(oracle.floor.engine.serialize());
        assertThat(restored.stateHash()).isEqualTo(oracle.floor.engine.stateHash());

        long now = oracle.floor.now;
        List<Event> live = oracle.postAs(oracle.key("a"), oracle.quote("a", "57000"));
        Outcome again = restored.apply(
                new io.bulwark.engine.command.PostOraclePrices(
                        List.of(new io.bulwark.engine.command.PostOraclePrices.Quote(
                                OracleFloor.BTC, "a", "57000", now + 1000)),
                        "key_a"),
                now + 1000);
        JournalCodec codec = new JournalCodec();
        assertThat(codec.writeEvents(((Outcome.Applied) again).events())).isEqualTo(codec.writeEvents(live));
        assertThat(restored.stateHash()).isEqualTo(oracle.floor.engine.stateHash());
    }

    private static Rejection.Code rejection(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        return ((Outcome.Rejected) outcome).rejection().code();
    }
}
