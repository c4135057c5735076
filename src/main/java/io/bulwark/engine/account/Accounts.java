package io.bulwark.engine.account;

import io.bulwark.engine.snapshot.CanonicalReader;
import io.bulwark.engine.snapshot.CanonicalWriter;
import io.bulwark.engine.snapshot.PersistentSortedMap;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Trading accounts, API keys, the deposit references already credited and the withdrawal references
 * already paid.
 */
public final class Accounts {
    /** A credited deposit, remembered so a repeat of its reference is recognised. */
    public record DepositRecord(String reference, String accountId, BigDecimal amount, long sequence) {}

    private final TreeMap<String, Account> accounts = new TreeMap<>();
    private final TreeMap<String, ApiKey> keys = new TreeMap<>();
    /** How many keys hold each key hash: derived from {@link #keys}, never written to a snapshot. */
    private final TreeMap<String, Integer> keyHashes = new TreeMap<>();
    /**
     * Every credited deposit, kept forever (SPEC): the one part of the state that grows with every deposit,
     * so it freezes in O(1) and a snapshot writes it off the engine thread ({@link #writeTo}).
     */
    private final PersistentSortedMap<String, DepositRecord> deposits = new PersistentSortedMap<>();

    private WithdrawalReferences withdrawals = new WithdrawalReferences();
    private long nextAccountNumber = 1;

    public String nextAccountId() {
        return Long.toString(nextAccountNumber);
    }

    public Account open(String name, long createdAt) {
        Account account = new Account(nextAccountId(), name, createdAt);
        nextAccountNumber++;
        accounts.put(account.accountId(), account);
        return account;
    }

    public Optional<Account> account(String accountId) {
        return Optional.ofNullable(accounts.get(accountId));
    }

    public Collection<Account> all() {
        return accounts.values();
    }

    public Optional<ApiKey> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    public boolean hasKeyHash(String keyHash) {
        return keyHashes.containsKey(keyHash);
    }

    public Collection<ApiKey> keys() {
        return keys.values();
    }

    public void putKey(ApiKey key) {
        forgetHash(keys.put(key.keyId(), key));
        keyHashes.merge(key.keyHash(), 1, Integer::sum);
    }

    public void removeKey(String keyId) {
        forgetHash(keys.remove(keyId));
    }

    private void forgetHash(ApiKey key) {
        if (key != null) {
            keyHashes.computeIfPresent(key.keyHash(), (hash, n) -> n == 1 ? null : n - 1);
        }
    }

    public Optional<DepositRecord> deposit(String reference) {
        return Optional.ofNullable(deposits.get(reference));
    }

    public void recordDeposit(DepositRecord deposit) {
        deposits.put(deposit.reference(), deposit);
    }

    public WithdrawalReferences withdrawals() {
        return withdrawals;
    }

    /**
     * The deposits are written {@link CanonicalWriter#later}, from a frozen view: the bytes are the same as
     * writing them now, and whoever makes them (a snapshot thread) never sees a later deposit.
     */
    public void writeTo(CanonicalWriter out) {
        out.writeLong(nextAccountNumber).writeInt(accounts.size());
        accounts.values()
                .forEach(a ->
                        out.writeString(a.accountId()).writeString(a.name()).writeLong(a.createdAt()));
        out.writeInt(keys.size());
        for (ApiKey k : keys.values()) {
            out.writeString(k.keyId())
                    .writeEnum(k.role())
                    .writeString(k.accountId())
                    .writeString(k.keyHash())
                    .writeBoolean(k.revoked())
                    .writeString(k.source());
            k.grant().writeTo(out);
        }
        PersistentSortedMap.View<String, DepositRecord> frozen = deposits.freeze();
        out.writeInt(frozen.size());
        out.later(later -> frozen.forEach(d -> later.writeString(d.reference())
                .writeString(d.accountId())
                .writeDecimal(d.amount())
                .writeLong(d.sequence())));
        withdrawals.writeTo(out);
    }

    public static Accounts readFrom(CanonicalReader in) {
        Accounts a = new Accounts();
        a.nextAccountNumber = in.readLong();
        for (int i = 0, n = in.readInt(); i < n; i++) {
            Account account = new Account(in.readString(), in.readString(), in.readLong());
            a.accounts.put(account.accountId(), account);
        }
        for (int i = 0, n = in.readInt(); i < n; i++) {
            a.putKey(new ApiKey(
                    in.readString(),
                    in.readEnum(Role.class),
                    in.readString(),
                    in.readString(),
                    in.readBoolean(),
                    in.formatVersion() >= 3 ? in.readString() : "",
                    in.formatVersion() >= 4 ? KeyGrant.readFrom(in) : KeyGrant.LEGACY));
        }
        for (int i = 0, n = in.readInt(); i < n; i++) {
            a.recordDeposit(new DepositRecord(
                    in.readString(),
                    in.readString(),
                    io.bulwark.engine.money.Decimals.usd(in.readDecimal()),
                    in.readLong()));
        }
        if (in.formatVersion() >= 3) {
            a.withdrawals = WithdrawalReferences.readFrom(in);
        }
        return a;
    }
}
