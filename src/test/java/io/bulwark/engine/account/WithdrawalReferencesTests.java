package io.bulwark.engine.account;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.account.WithdrawalReferences.PaidWithdrawal;
import io.bulwark.engine.snapshot.CanonicalReader;
import io.bulwark.engine.snapshot.CanonicalWriter;
import java.math.BigDecimal;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The withdrawal references in the snapshot: written always, read from format 3 on. */
class WithdrawalReferencesTests {

    private static byte[] bytes(Accounts accounts) {
        CanonicalWriter out = new CanonicalWriter();
        accounts.writeTo(out);
        return out.toByteArray();
    }

    private static Accounts read(byte[] bytes, int formatVersion) {
        CanonicalReader in = new CanonicalReader(bytes);
        in.formatVersion(formatVersion);
        Accounts accounts = Accounts.readFrom(in);
        in.expectEnd();
        return accounts;
    }

    @Test
    void aFormat3SnapshotKeepsTheReferences() {
        Accounts accounts = new Accounts();
        String alice = accounts.open("alice", 0).accountId();
        accounts.withdrawals().record(new PaidWithdrawal(alice, "payout-1", new BigDecimal("30.000000"), 7, 1_000));

        Accounts restored = read(bytes(accounts), 3);

        assertThat(restored.withdrawals().find(alice, "payout-1", 2_000))
                .contains(new PaidWithdrawal(alice, "payout-1", new BigDecimal("30.000000"), 7, 1_000));
        assertThat(bytes(restored)).isEqualTo(bytes(accounts));
    }

    @Test
    void aFormat2SnapshotHasNoReferencesAndRestoresWithNone() {
        Accounts accounts = new Accounts();
        String alice = accounts.open("alice", 0).accountId();
        byte[] v3 = bytes(accounts);
        // Format 2 ended before the references, which an empty list writes as one count (8 bytes).
        byte[] v2 = Arrays.copyOf(v3, v3.length - Long.BYTES);

        Accounts restored = read(v2, 2);

        assertThat(restored.account(alice)).isPresent();
        assertThat(restored.withdrawals().remembered(alice, 0)).isZero();
        assertThat(bytes(restored)).isEqualTo(v3);
    }
}
