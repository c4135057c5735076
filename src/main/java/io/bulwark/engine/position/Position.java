package io.bulwark.engine.position;

import io.bulwark.engine.money.Decimals;
import io.bulwark.engine.order.Side;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One account's position in one market. {@code sizeSteps} is signed (negative = short);
 * {@code costBasis} is the signed exact cost of the open size (size × entry price), so the entry
 * price is derived, never rounded into the books.
 *
 * <p>Realized PnL of a fill is the cash it brings in plus the change of cost basis. When part of a
 * position closes, the cost taken out is rounded up to the ledger unit (against the trader) and the
 * remainder stays in the cost basis: across all accounts, realized PnL always equals what the trades
 * moved, to the last micro-dollar.
 *
 * <p>The cost basis is kept canonical (no trailing zeros) and realized PnL at the ledger scale, whatever
 * fills brought them there: a snapshot stores decimals without trailing zeros, and a restored position must
 * give the same events as the live one.
 */
public final class Position {
    final String market;
    long sizeSteps;
    BigDecimal costBasis = BigDecimal.ZERO;
    BigDecimal realizedPnl = Decimals.usd(BigDecimal.ZERO);
    /** The portfolio told of every fill (derived indexes: holders, open interest, liquidation triggers). */
    Portfolio owner;

    public Position(String market) {
        this.market = market;
    }

    public Position(String market, long sizeSteps, BigDecimal costBasis, BigDecimal realizedPnl) {
        this.market = market;
        this.sizeSteps = sizeSteps;
        this.costBasis = Decimals.canonical(costBasis);
        this.realizedPnl = realizedPnl;
    }

    public String market() {
        return market;
    }

    public long sizeSteps() {
        return sizeSteps;
    }

    public BigDecimal costBasis() {
        return costBasis;
    }

    public BigDecimal realizedPnl() {
        return realizedPnl;
    }

    public boolean isFlat() {
        return sizeSteps == 0;
    }

    /**
     * Applies a fill of {@code steps} on {@code side} at {@code price}; returns the realized PnL at
     * ledger scale (zero when the fill only adds to the position).
     */
    public BigDecimal fill(Side side, long steps, BigDecimal price, BigDecimal stepSize) {
        long before = sizeSteps;
        BigDecimal realized = apply(side, steps, price, stepSize);
        if (owner != null) {
            owner.positionChanged(market, before, sizeSteps);
        }
        return realized;
    }

    private BigDecimal apply(Side side, long steps, BigDecimal price, BigDecimal stepSize) {
        int direction = side.sign();
        if (sizeSteps == 0 || Long.signum(sizeSteps) == direction) {
            sizeSteps += direction * steps;
            costBasis = Decimals.canonical(
                    costBasis.add(notional(price, steps, stepSize).multiply(BigDecimal.valueOf(direction))));
            return Decimals.usd(BigDecimal.ZERO);
        }
        long open = Math.abs(sizeSteps);
        long closing = Math.min(steps, open);
        BigDecimal removedCost = closing == open
                ? costBasis
                // Rounded toward +infinity: the closed part carries at least its share of cost, so realized PnL
                // never rounds in the trader's favour; the residue stays in the remaining cost basis.
                : costBasis
                        .multiply(BigDecimal.valueOf(closing))
                        .divide(BigDecimal.valueOf(open), Decimals.USD_SCALE, RoundingMode.CEILING);
        BigDecimal cashIn = notional(price, closing, stepSize).multiply(BigDecimal.valueOf(-direction));
        BigDecimal realized = Decimals.usd(cashIn.subtract(removedCost));
        costBasis = Decimals.canonical(costBasis.subtract(removedCost));
        sizeSteps += direction * closing;
        realizedPnl = realizedPnl.add(realized);
        long opening = steps - closing;
        if (opening > 0) {
            sizeSteps += direction * opening;
            costBasis = Decimals.canonical(
                    costBasis.add(notional(price, opening, stepSize).multiply(BigDecimal.valueOf(direction))));
        }
        if (sizeSteps == 0) {
            costBasis = BigDecimal.ZERO;
        }
        return realized;
    }

    /** Exact price × size. Market specs keep tick and step decimals within the ledger scale. */
    public static BigDecimal notional(BigDecimal price, long steps, BigDecimal stepSize) {
        return price.multiply(stepSize).multiply(BigDecimal.valueOf(steps));
    }

    public BigDecimal size(BigDecimal stepSize) {
        return stepSize.multiply(BigDecimal.valueOf(sizeSteps));
    }

    /** Average entry price, shown to 8 decimals (half-even): a display value, no money moves on it. */
    public BigDecimal entryPrice(BigDecimal stepSize) {
        if (sizeSteps == 0) {
            return BigDecimal.ZERO;
        }
        return costBasis.divide(size(stepSize), 8, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }

    /** Exact unrealized PnL at {@code mark}. */
    public BigDecimal unrealizedPnl(BigDecimal mark, BigDecimal stepSize) {
        return size(stepSize).multiply(mark).subtract(costBasis);
    }
}
