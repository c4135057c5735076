package io.bulwark.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.testsupport.AppInstances;
import io.bulwark.testsupport.Exchange;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 5, the January incident: corrupt data written out while the service was down (a price zeroed in
 * the newest snapshot, with its hash recomputed so that it looks self-consistent; a journaled oracle
 * price set to 0). The next start detects it, keeps the exchange CLOSED and says why, and nothing is
 * liquidated on the bad data, not even once fresh prices would make an account liquidatable.
 */
class CorruptionTests {
    private static final String ADMIN_KEY = "bwk_corruption_admin_key_0000000000000000000000";
    private final AppInstances instances = new AppInstances(ADMIN_KEY);
    private static final String MARKET = "CR-USD-PERP";
    private String oracle;
    private String alice;
    private String dave;

    @AfterEach
    void stopAll() {
        instances.close();
    }

    /** Dave is long 1 at 65000 with 1,400 deposited: liquidatable once the mark reaches 64000. */
    @BeforeEach
    void tradeThenStop() {
        Exchange first = instances.startWriter("first", MARKET);
        first.createMarket();
        oracle = first.oracleKey();
        alice = first.trader("alice", "100000");
        dave = first.trader("dave", "1400");
        for (int i = 0; i < 3; i++) {
            first.price(oracle, "65000");
        }
        first.limit(alice, "SELL", "1", "65000");
        first.limit(dave, "BUY", "1", "65000");
        first.price(oracle, "65000");
        instances.stopLatest(); // graceful: the shutdown snapshot is the newest
    }

    private void assertClosedAndNothingLiquidated(Exchange second, String detail) {
        var status = second.status();
        assertThat(status.path("recovery").path("verified").asBoolean()).isFalse();
        assertThat(status.path("recovery").path("detail").asString()).contains(detail);
        assertThat(status.path("state").asString()).isEqualTo("CLOSED");
        for (int i = 0; i < 3; i++) {
            second.price(oracle, "64000"); // healthy again, and low enough to liquidate dave were it OPEN
        }
        assertThat(second.api()
                        .get("/api/v1/liquidations", dave)
                        .assertStatus(200)
                        .json())
                .isEmpty();
        assertThat(second.api()
                        .get("/api/v1/admin/liquidations", ADMIN_KEY)
                        .assertStatus(200)
                        .json())
                .isEmpty();
        assertThat(sizes(second, dave)).containsExactly("1");
        assertThat(sizes(second, alice)).containsExactly("-1");
        assertThat(second.status().path("state").asString()).isEqualTo("CLOSED");
    }

    private static java.util.List<String> sizes(Exchange x, String key) {
        return x.positions(key)
                .valueStream()
                .map(p -> new java.math.BigDecimal(p.path("size").asString())
                        .stripTrailingZeros()
                        .toPlainString())
                .toList();
    }

    @Test
    void aPriceZeroedInTheNewestSnapshotWithItsHashRecomputedIsDetected() throws SQLException {
        // "65000" (a length-prefixed string in the canonical bytes) becomes "0.000": the first price in
        // the state, then the snapshot's own hash is recomputed so the bytes match it.
        int corrupted = instances.update("""
                UPDATE snapshots
                SET state = overlay(state placing '\\x0005302e303030'::bytea
                                    from position('\\x00053635303030'::bytea in state) for 7)
                WHERE sequence = (SELECT max(sequence) FROM snapshots)
                  AND position('\\x00053635303030'::bytea in state) > 0
                """);
        assertThat(corrupted).isOne();
        instances.update("UPDATE snapshots SET state_hash = encode(sha256(state), 'hex')"
                + " WHERE sequence = (SELECT max(sequence) FROM snapshots)");

        assertClosedAndNothingLiquidated(
                instances.startWriter("second", MARKET), "not the one recorded live in journal row");
    }

    @Test
    void aJournaledPriceSetToZeroBreaksTheRowHashChain() throws SQLException {
        // As if the instance had died before its shutdown snapshot: the journal rows after the newest
        // remaining snapshot are replayed, and one of them was edited.
        instances.update("DELETE FROM snapshots WHERE reason = 'shutdown'");
        int corrupted = instances.update("""
                UPDATE journal SET command = jsonb_set(command, '{quotes,0,price}', '"0"')
                WHERE sequence = (SELECT max(sequence) FROM journal WHERE command_type = 'PostOraclePrices')
                """);
        assertThat(corrupted).isOne();

        assertClosedAndNothingLiquidated(instances.startWriter("second", MARKET), "does not match its hash chain");
    }
}
