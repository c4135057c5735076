package io.bulwark.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.TradingFloor;
import io.bulwark.engine.command.CreateMarket;
import io.bulwark.engine.command.PostOraclePrices;
import io.bulwark.engine.command.Rejection;
import io.bulwark.engine.command.SetOracleSourceState;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.OracleReanchored;
import io.bulwark.engine.event.OracleSourceStateChanged;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.market.MarketPatch;
import io.bulwark.engine.market.MarketSpec;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SPEC section 6 (v2): an operator quarantines a source: its prices stop counting at once, in every market, and
 * each index is recomputed from the others; made ACTIVE again, it starts afresh. Every act is journaled.
 */
class QuarantineTests {
    private static final String ETH = "ETH-USD-PERP";
    private final OracleFloor oracle = new OracleFloor();

    @Test
    void itsPricesStopCountingAtOnceInEveryMarketAndEachIndexIsRecomputed() {
        oracle.applied(new CreateMarket(eth()));
        oracle.agree("65000", "a", "a", "a");
        oracle.agree("64000", "evil");
        oracle.postAs(oracle.key("a"), new PostOraclePrices.Quote(ETH, "a", "3500", oracle.floor.now + 1000));
        oracle.postAs(oracle.key("evil"), new PostOraclePrices.Quote(ETH, "evil", "3450", oracle.floor.now + 1000));
        assertThat(oracle.index()).isEqualByComparingTo("64500");

        List<Event> events = ((Outcome.Applied) oracle.quarantine("evil")).events();

        assertThat(events.getFirst())
                .isEqualTo(new OracleSourceStateChanged(
                        "evil", SourceState.ACTIVE, SourceState.QUARANTINED, "compromised", "ops"));
        assertThat(events)
                .filteredOn(OracleReanchored.class::isInstance)
                .map(OracleReanchored.class::cast)
                .extracting(OracleReanchored::market, r -> r.toPrice().stripTrailingZeros(), OracleReanchored::cause)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(
                                OracleFloor.BTC, new BigDecimal("6.5E+4"), ReanchorCause.QUARANTINE),
                        org.assertj.core.groups.Tuple.tuple(ETH, new BigDecimal("3.5E+3"), ReanchorCause.QUARANTINE));
        assertThat(oracle.index()).isEqualByComparingTo("65000");
        assertThat(oracle.health()).as("recomputed, not yet confirmed").isEqualTo(PriceHealth.UNCONFIRMED);
        assertThat(oracle.post("evil", "65000")).contains(PriceRejection.SOURCE_QUARANTINED);
        oracle.agree("65000", "a", "a", "a");
        assertThat(oracle.health()).isEqualTo(PriceHealth.HEALTHY);
        assertThat(oracle.post("evil", "60000"))
                .as("what a quarantined source says never makes the market unhealthy")
                .contains(PriceRejection.SOURCE_QUARANTINED);
        assertThat(oracle.health()).isEqualTo(PriceHealth.HEALTHY);
        assertThat(oracle.floor.engine.oracleSources().quarantined())
                .singleElement()
                .satisfies(q -> {
                    assertThat(q.source()).isEqualTo("evil");
                    assertThat(q.reason()).isEqualTo("compromised");
                    assertThat(q.actor()).isEqualTo("ops");
                });
        assertThat(oracle.floor.engine.oracleSources().sources())
                .filteredOn(s -> s.source().equals("evil") && s.market().equals(OracleFloor.BTC))
                .singleElement()
                .satisfies(s -> {
                    assertThat(s.state()).isEqualTo(SourceState.QUARANTINED);
                    assertThat(s.accepted()).isEmpty();
                    assertThat(s.offered())
                            .hasValueSatisfying(q -> assertThat(q.price()).isEqualByComparingTo("60000"));
                    assertThat(s.rejections()).isEqualTo(2);
                });
    }

    @Test
    void aQuarantinedSourceNeitherBlocksNorJoinsAReanchor() {
        oracle.agree("65000", "a", "b", "stuck");
        oracle.quarantine("stuck");
        oracle.post("a", "57000");
        oracle.post("b", "57000");
        oracle.post("stuck", "65000");
        oracle.post("a", "57000");
        assertThat(oracle.post("b", "57000")).isEmpty();
        assertThat(oracle.index()).isEqualByComparingTo("57000");
    }

    @Test
    void madeActiveAgainItStartsAfresh() {
        oracle.agree("65000", "a", "b", "a");
        oracle.quarantine("b");
        oracle.agree("65000", "a", "a", "a");
        assertThat(oracle.activate(("b"))).isInstanceOf(Outcome.Applied.class);
        assertThat(oracle.floor.engine.oracleSources().quarantined()).isEmpty();
        assertThat(oracle.market().oracle().sourcePrices())
                .as("nothing it said before counts")
                .extracting(SourcePrice::source)
                .containsExactly("a");
        assertThat(oracle.post("b", "50000")).as("checked like any update").contains(PriceRejection.PRICE_JUMP);
        assertThat(oracle.post("b", "65100")).isEmpty();
        assertThat(oracle.index()).isEqualByComparingTo("65050");
    }

    @Test
    void aQuarantineThatChangesNoIndexIsStillJournaledAndAnUnknownSourceCanBeQuarantinedAhead() {
        List<Event> events = ((Outcome.Applied) oracle.quarantine("not-yet-seen")).events();
        assertThat(events).singleElement().isInstanceOf(OracleSourceStateChanged.class);
        assertThat(oracle.post("not-yet-seen", "65000")).contains(PriceRejection.SOURCE_QUARANTINED);
        assertThat(oracle.index()).isNull();
    }

    @Test
    void theSameStateAgainIsRefusedAndChangesNothing() {
        assertThat(code(oracle.activate("a"))).isEqualTo(Rejection.Code.INVALID_TRANSITION);
        oracle.quarantine("a");
        assertThat(code(oracle.quarantine("a"))).isEqualTo(Rejection.Code.INVALID_TRANSITION);
        assertThat(code(oracle.floor.apply(new SetOracleSourceState(" ", SourceState.QUARANTINED, "r", "ops"))))
                .isEqualTo(Rejection.Code.VALIDATION_FAILED);
    }

    private static Rejection.Code code(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        return ((Outcome.Rejected) outcome).rejection().code();
    }

    private static MarketSpec eth() {
        return TradingFloor.btc()
                .withMarket(ETH)
                .with(MarketPatch.NONE
                        .withTickSize(new BigDecimal("0.01"))
                        .withStepSize(new BigDecimal("0.01"))
                        .withMinSize(new BigDecimal("0.01"))
                        .withInitialMarginFraction(new BigDecimal("0.05"))
                        .withMaintenanceMarginFraction(new BigDecimal("0.03")));
    }
}
