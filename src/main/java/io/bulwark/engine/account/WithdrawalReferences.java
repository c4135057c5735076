package io.bulwark.engine.account;

import io.bulwark.engine.money.Decimals;
import io.bulwark.engine.snapshot.CanonicalReader;
import io.bulwark.engine.snapshot.CanonicalWriter;
import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The references of paid withdrawals, per account, so a repeat (a retry after a timeout) is
 * recognised and pays nothing. Bounded: a reference is remembered for {@link #RETENTION_MILLIS} of
 * engine time after its payment, and an account has at most {@link #MAX_PER_ACCOUNT} remembered at
 * once (a further withdrawal is refused, never paid with an older reference forgotten early).
 */
public final class WithdrawalReferences {
    /** Seven days of engine time: far beyond any client's retry, small enough to forget eventually. */
    public static final long RETENTION_MILLIS = 7L * 24 * 60 * 60 * 1000;

    public static final int MAX_PER_ACCOUNT = 1_000;

    /** A paid withdrawal; {@code time} is the engine time it was paid at. */
    public record PaidWithdrawal(String accountId, String reference, BigDecimal amount, long sequence, long time) {
        public String withdrawalId() {
            return WithdrawalReferences.withdrawalId(sequence);
        }
    }

    /** Oldest first: engine time never runs backwards, so this is also payment order. */
    private final ArrayDeque<PaidWithdrawal> byTime = new ArrayDeque<>();

    private final TreeMap<String, TreeMap<String, PaidWithdrawal>> byAccount = new TreeMap<>();

    /** The id a withdrawal paid at {@code sequence} carries (also in its ledger transfer). */
    public static String withdrawalId(long sequence) {
        return "W" + sequence;
    }

    /** The account's withdrawal with this reference, if it is still remembered at {@code now}. */
    public Optional<PaidWithdrawal> find(String accountId, String reference, long now) {
        return Optional.ofNullable(of(accountId).get(reference)).filter(w -> !expired(w, now));
    }

    /** How many of the account's references are remembered at {@code now}. */
    public int remembered(String accountId, long now) {
        return (int)
                of(accountId).values().stream().filter(w -> !expired(w, now)).count();
    }

    private Map<String, PaidWithdrawal> of(String accountId) {
        Map<String, PaidWithdrawal> references = byAccount.get(accountId);
        return references == null ? Map.of() : references;
    }

    /**
     * Remembers a paid withdrawal and forgets the ones past retention. Called only for a withdrawal
     * that is applied: a refused command changes nothing, not even what is forgotten.
     */
    public void record(PaidWithdrawal withdrawal) {
        while (!byTime.isEmpty() && expired(byTime.peekFirst(), withdrawal.time())) {
            PaidWithdrawal old = byTime.pollFirst();
            Map<String, PaidWithdrawal> references = byAccount.get(old.accountId());
            references.remove(old.reference());
            if (references.isEmpty()) {
                byAccount.remove(old.accountId());
            }
        }
        add(withdrawal);
    }

    private void add(PaidWithdrawal withdrawal) {
        byTime.addLast(withdrawal);
        byAccount.computeIfAbsent(withdrawal.accountId(), a -> new TreeMap<>()).put(withdrawal.reference(), withdrawal);
    }

    private static boolean expired(PaidWithdrawal w, long now) {
        return w.time() + RETENTION_MILLIS <= now;
    }

    public void writeTo(CanonicalWriter out) {
        out.writeInt(byTime.size());
        byTime.forEach(w -> out.writeString(w.accountId())
                .writeString(w.reference())
                .writeDecimal(w.amount())
                .writeLong(w.sequence())
                .writeLong(w.time()));
    }

    public static WithdrawalReferences readFrom(CanonicalReader in) {
        WithdrawalReferences references = new WithdrawalReferences();
        for (int i = 0, n = in.readInt(); i < n; i++) {
            references.add(new PaidWithdrawal(
                    in.readString(), in.readString(), Decimals.usd(in.readDecimal()), in.readLong(), in.readLong()));
        }
        return references;
    }
}
