package io.bulwark.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.EngineView;
import io.bulwark.engine.account.Role;
import io.bulwark.engine.command.IssueApiKey;
import io.bulwark.engine.command.RevokeApiKey;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.Outcome;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** SPEC section 6 (v2): an ORACLE key speaks for the one source it was issued for, never for another. */
class SourceBindingTests {
    private final OracleFloor oracle = new OracleFloor();

    @Test
    void aKeyPostingForAnotherSourceIsRefusedItemByItemAndTheMarketNeverHearsOfIt() {
        oracle.agree("65000", "a", "b", "c");
        String mallory = oracle.key("mallory");

        List<Event> events = oracle.postAs(
                mallory,
                oracle.quote("mallory", "64000"),
                oracle.quote("a", "58500"),
                oracle.quote("invented-1", "58500"),
                oracle.quote("invented-2", "58500"));

        assertThat(OracleFloor.verdicts(events))
                .containsExactly(
                        Optional.empty(),
                        Optional.of(PriceRejection.SOURCE_NOT_ALLOWED),
                        Optional.of(PriceRejection.SOURCE_NOT_ALLOWED),
                        Optional.of(PriceRejection.SOURCE_NOT_ALLOWED));
        assertThat(oracle.index()).as("median of 65000 x3 and 64000").isEqualByComparingTo("65000");
        assertThat(oracle.floor.engine.oracleSources().sources())
                .extracting(EngineView.OracleSourceView::source)
                .as("a refused source leaves no trace in the market: its memory stays bounded by the keys")
                .containsExactly("a", "b", "c", "mallory");
        assertThat(oracle.floor.engine.oracleSources().sources())
                .filteredOn(s -> s.source().equals("a"))
                .singleElement()
                .satisfies(s -> assertThat(s.rejections())
                        .as("nothing is counted against the real source")
                        .isZero());
    }

    @Test
    void aRefusedForeignItemDoesNotMakeTheMarketUnhealthy() {
        oracle.agree("65000", "a", "b", "c");
        assertThat(oracle.health()).isEqualTo(PriceHealth.HEALTHY);
        oracle.postAs(oracle.key("a"), oracle.quote("b", "NaN"), oracle.quote("c", "1"));
        assertThat(oracle.health())
                .as("another key's noise is not an anomaly of the market's sources")
                .isEqualTo(PriceHealth.HEALTHY);
    }

    @Test
    void aRevokedKeyAndAKeyOfAnotherRoleSpeakForNoSource() {
        oracle.agree("65000", "a");
        oracle.applied(new RevokeApiKey(oracle.key("a")));
        assertThat(oracle.post("a", "65000")).contains(PriceRejection.SOURCE_NOT_ALLOWED);
        oracle.applied(new IssueApiKey("key_admin", Role.ADMIN, "hash_admin"));
        assertThat(OracleFloor.verdicts(oracle.postAs("key_admin", oracle.quote("a", "65000"))))
                .containsExactly(Optional.of(PriceRejection.SOURCE_NOT_ALLOWED));
        assertThat(OracleFloor.verdicts(oracle.postAs("key_nobody", oracle.quote("a", "65000"))))
                .containsExactly(Optional.of(PriceRejection.SOURCE_NOT_ALLOWED));
    }

    @Test
    void anOracleKeyIssuedBeforeKeysHadSourcesSpeaksForNone() {
        // As an old journal row issues it: no source.
        oracle.applied(new IssueApiKey("key_legacy", Role.ORACLE, "hash_legacy"));
        assertThat(OracleFloor.verdicts(
                        oracle.postAs("key_legacy", oracle.quote("a", "65000"), oracle.quote("", "65000"))))
                .containsOnly(Optional.of(PriceRejection.SOURCE_NOT_ALLOWED));
        assertThat(oracle.index()).isNull();
    }

    @Test
    void pricesFromInsideTheServiceAndOldJournalRowsCarryNoKeyAndNameAnySource() {
        List<Event> events = oracle.postAs(null, oracle.quote("sim-a", "65000"), oracle.quote("sim-b", "65000"));
        assertThat(OracleFloor.verdicts(events)).containsOnly(Optional.empty());
    }

    @Test
    void onlyOracleKeysAreBoundToASource() {
        assertThat(oracle.floor.apply(new IssueApiKey("key_x", Role.ADMIN, "hash_x", "a")))
                .isInstanceOf(Outcome.Rejected.class);
        assertThat(oracle.floor.engine.apiKeys()).noneMatch(k -> k.keyId().equals("key_x"));
    }
}
