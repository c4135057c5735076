package io.bulwark.engine.ledger;

import io.bulwark.engine.event.TransferKind;
import io.bulwark.engine.event.Transferred;
import io.bulwark.engine.money.Decimals;
import io.bulwark.engine.snapshot.CanonicalReader;
import io.bulwark.engine.snapshot.CanonicalWriter;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Double-entry ledger: every movement debits one account and credits another by the same amount, so
 * the sum of all balances is zero at every sequence number. {@link #EXTERNAL} goes negative as money
 * is deposited.
 */
public final class Ledger {
    public static final String EXTERNAL = "EXTERNAL";
    public static final String FEES = "FEES";
    public static final String LIQUIDATOR_VAULT = "LIQUIDATOR_VAULT";
    /**
     * Clearing account for realized PnL: traders are paid from it and pay into it as positions close.
     * Its balance is always minus the sum of every open position's cost basis.
     */
    public static final String SETTLEMENT = "SETTLEMENT";
    /** Clearing account for funding: payers pay in (rounded up), receivers are paid out (rounded down). */
    public static final String FUNDING = "FUNDING";

    /** Every account's balance, in id order (the snapshot's order). */
    private final TreeMap<String, Balance> balances = new TreeMap<>();
    /**
     * The same balances by hash, for the two look-ups of every transfer (issue 15): a tree of a hundred
     * thousand ids costs about seventeen string comparisons and cache misses a look-up, growing with the
     * exchange. Only looked up, never iterated (a LinkedHashMap's order is its insertion order anyway).
     */
    private final LinkedHashMap<String, Balance> byId = new LinkedHashMap<>();

    /** One account's balance, one entry shared by the tree and the hash: a transfer updates it in place. */
    private static final class Balance {
        BigDecimal amount;

        Balance(BigDecimal amount) {
            this.amount = amount;
        }
    }

    private Consumer<String> onChange = id -> {};

    /** The one listener told of every account whose balance a transfer moved (the liquidation index). */
    public void onBalanceChange(Consumer<String> listener) {
        this.onChange = listener;
    }

    public Ledger() {
        for (String system : new String[] {EXTERNAL, FEES, LIQUIDATOR_VAULT, SETTLEMENT, FUNDING}) {
            open(system);
        }
    }

    public static boolean isSystemAccount(String id) {
        return id.equals(EXTERNAL)
                || id.equals(FEES)
                || id.equals(LIQUIDATOR_VAULT)
                || id.equals(SETTLEMENT)
                || id.equals(FUNDING);
    }

    public void open(String accountId) {
        set(accountId, Decimals.usd(BigDecimal.ZERO), false);
    }

    public boolean has(String accountId) {
        return byId.containsKey(accountId);
    }

    public BigDecimal balance(String accountId) {
        return entry(accountId).amount;
    }

    /** Moves {@code amount} (> 0, at ledger scale) from one account to another. */
    public Transferred transfer(String from, String to, BigDecimal amount, TransferKind kind, String reference) {
        if (amount.signum() <= 0 || amount.scale() != Decimals.USD_SCALE) {
            throw new IllegalArgumentException("transfer amount must be positive at ledger scale: " + amount);
        }
        Balance fromEntry = entry(from);
        Balance toEntry = entry(to);
        BigDecimal fromBalance = fromEntry.amount.subtract(amount);
        fromEntry.amount = fromBalance;
        BigDecimal toBalance = toEntry.amount.add(amount);
        toEntry.amount = toBalance;
        onChange.accept(from);
        onChange.accept(to);
        return new Transferred(from, to, amount, kind, reference, fromBalance, toBalance);
    }

    /**
     * Moves a signed amount: a positive one from {@code from} to {@code to}, a negative one back the
     * other way, nothing when zero (realized PnL, fees that may be rebates).
     */
    public java.util.Optional<Transferred> transferSigned(
            String from, String to, BigDecimal signedAmount, TransferKind kind, String reference) {
        return switch (signedAmount.signum()) {
            case 1 -> java.util.Optional.of(transfer(from, to, signedAmount, kind, reference));
            case -1 -> java.util.Optional.of(transfer(to, from, signedAmount.negate(), kind, reference));
            default -> java.util.Optional.empty();
        };
    }

    private Balance entry(String accountId) {
        Balance balance = byId.get(accountId);
        if (balance == null) {
            throw new IllegalArgumentException("no ledger account " + accountId);
        }
        return balance;
    }

    /** Sets an account's balance, opening it if new; {@code replace} false leaves an existing one alone. */
    private void set(String accountId, BigDecimal amount, boolean replace) {
        Balance balance = byId.get(accountId);
        if (balance == null) {
            balance = new Balance(amount);
            balances.put(accountId, balance);
            byId.put(accountId, balance);
        } else if (replace) {
            balance.amount = amount;
        }
    }

    /** Sum of all balances; zero whenever the ledger is sound. */
    public BigDecimal total() {
        return balances.values().stream().map(b -> b.amount).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    /** Every balance in id order, as of now (a copy). */
    public Map<String, BigDecimal> balances() {
        TreeMap<String, BigDecimal> copy = new TreeMap<>();
        balances.forEach((id, balance) -> copy.put(id, balance.amount));
        return java.util.Collections.unmodifiableMap(copy);
    }

    public void writeTo(CanonicalWriter out) {
        out.writeInt(balances.size());
        balances.forEach((id, balance) -> out.writeString(id).writeDecimal(balance.amount));
    }

    public static Ledger readFrom(CanonicalReader in) {
        Ledger ledger = new Ledger();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            ledger.set(in.readString(), Decimals.usd(in.readDecimal()), true);
        }
        return ledger;
    }
}
