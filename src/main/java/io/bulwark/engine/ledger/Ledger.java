package io.bulwark.engine.ledger;

import io.bulwark.engine.event.TransferKind;
import io.bulwark.engine.event.Transferred;
import io.bulwark.engine.money.Decimals;
import io.bulwark.engine.snapshot.CanonicalReader;
import io.bulwark.engine.snapshot.CanonicalWriter;
import java.math.BigDecimal;
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

    private final TreeMap<String, BigDecimal> balances = new TreeMap<>();
    private Consumer<String> onChange = id -> {};

    /** The one listener told of every account whose balance a transfer moved (the liquidation index). */
    public void onBalanceChange(Consumer<String> listener) {
        this.onChange = listener;
    }

    public Ledger() {
        balances.put(EXTERNAL, Decimals.usd(BigDecimal.ZERO));
        balances.put(FEES, Decimals.usd(BigDecimal.ZERO));
        balances.put(LIQUIDATOR_VAULT, Decimals.usd(BigDecimal.ZERO));
        balances.put(SETTLEMENT, Decimals.usd(BigDecimal.ZERO));
        balances.put(FUNDING, Decimals.usd(BigDecimal.ZERO));
    }

    public static boolean isSystemAccount(String id) {
        return id.equals(EXTERNAL)
                || id.equals(FEES)
                || id.equals(LIQUIDATOR_VAULT)
                || id.equals(SETTLEMENT)
                || id.equals(FUNDING);
    }

    public void open(String accountId) {
        balances.putIfAbsent(accountId, Decimals.usd(BigDecimal.ZERO));
    }

    public boolean has(String accountId) {
        return balances.containsKey(accountId);
    }

    public BigDecimal balance(String accountId) {
        BigDecimal balance = balances.get(accountId);
        if (balance == null) {
            throw new IllegalArgumentException("no ledger account " + accountId);
        }
        return balance;
    }

    /** Moves {@code amount} (> 0, at ledger scale) from one account to another. */
    public Transferred transfer(String from, String to, BigDecimal amount, TransferKind kind, String reference) {
        if (amount.signum() <= 0 || amount.scale() != Decimals.USD_SCALE) {
            throw new IllegalArgumentException("transfer amount must be positive at ledger scale: " + amount);
        }
        BigDecimal fromBalance = balance(from).subtract(amount);
        BigDecimal toBalance = balance(to).add(amount);
        balances.put(from, fromBalance);
        balances.put(to, toBalance);
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

    /** Sum of all balances; zero whenever the ledger is sound. */
    public BigDecimal total() {
        return balances.values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public Map<String, BigDecimal> balances() {
        return java.util.Collections.unmodifiableMap(balances);
    }

    public void writeTo(CanonicalWriter out) {
        out.writeInt(balances.size());
        balances.forEach((id, balance) -> out.writeString(id).writeDecimal(balance));
    }

    public static Ledger readFrom(CanonicalReader in) {
        Ledger ledger = new Ledger();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            ledger.balances.put(in.readString(), Decimals.usd(in.readDecimal()));
        }
        return ledger;
    }
}
