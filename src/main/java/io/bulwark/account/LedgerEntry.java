package io.bulwark.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One row of the {@code ledger_entries} read model: a transfer as the journal committed it. Read-only
 * here; {@link LedgerProjection} writes it.
 */
@Entity
@Table(name = "ledger_entries")
@IdClass(LedgerEntry.Key.class)
class LedgerEntry {
    @Id
    private long sequence;

    @Id
    @Column(name = "entry_index")
    private int entryIndex;

    @Column(name = "from_account")
    private String fromAccount;

    @Column(name = "to_account")
    private String toAccount;

    private BigDecimal amount;
    private String kind;
    private String reference;

    @Column(name = "from_balance")
    private BigDecimal fromBalance;

    @Column(name = "to_balance")
    private BigDecimal toBalance;

    private Instant time;

    protected LedgerEntry() {}

    long sequence() {
        return sequence;
    }

    int entryIndex() {
        return entryIndex;
    }

    String fromAccount() {
        return fromAccount;
    }

    String toAccount() {
        return toAccount;
    }

    BigDecimal amount() {
        return amount;
    }

    String kind() {
        return kind;
    }

    String reference() {
        return reference;
    }

    BigDecimal fromBalance() {
        return fromBalance;
    }

    BigDecimal toBalance() {
        return toBalance;
    }

    Instant time() {
        return time;
    }

    /** The composite key (sequence, entry_index). */
    static class Key implements Serializable {
        private long sequence;
        private int entryIndex;

        protected Key() {}

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.sequence == sequence && k.entryIndex == entryIndex;
        }

        @Override
        public int hashCode() {
            return Objects.hash(sequence, entryIndex);
        }
    }
}
