package io.bulwark.position;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One row of the {@code positions} read model: an account's latest position in a market (size 0 once
 * closed). Read-only here; {@link PositionProjection} writes it.
 */
@Entity
@Table(name = "positions")
@IdClass(PositionRow.Key.class)
class PositionRow {
    @Id
    @Column(name = "account_id")
    private String accountId;

    @Id
    private String market;

    private BigDecimal size;

    @Column(name = "entry_price")
    private BigDecimal entryPrice;

    @Column(name = "cost_basis")
    private BigDecimal costBasis;

    @Column(name = "realized_pnl")
    private BigDecimal realizedPnl;

    @Column(name = "updated_sequence")
    private long updatedSequence;

    protected PositionRow() {}

    String accountId() {
        return accountId;
    }

    String market() {
        return market;
    }

    BigDecimal size() {
        return size;
    }

    BigDecimal entryPrice() {
        return entryPrice;
    }

    BigDecimal costBasis() {
        return costBasis;
    }

    BigDecimal realizedPnl() {
        return realizedPnl;
    }

    long updatedSequence() {
        return updatedSequence;
    }

    /** The composite key (account_id, market). */
    static class Key implements Serializable {
        private String accountId;
        private String market;

        protected Key() {}

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(k.accountId, accountId) && Objects.equals(k.market, market);
        }

        @Override
        public int hashCode() {
            return Objects.hash(accountId, market);
        }
    }
}
