package io.bulwark.engine.position;

import io.bulwark.engine.money.Decimals;
import io.bulwark.engine.snapshot.CanonicalReader;
import io.bulwark.engine.snapshot.CanonicalWriter;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Every account's portfolio. Live orders and held margin are rebuilt from the orders on restore. Kept as
 * positions move (so not in the snapshot, rebuilt as it is read): who holds each market, and its open
 * interest, so neither funding nor the views pass over every account.
 */
public final class Portfolios {
    /** Told of every position change, after it is booked: the liquidation index listens. */
    public interface PositionListener {
        /** {@code accountId}'s position in {@code market} held {@code fromSteps} before this change. */
        void changed(String accountId, String market, long fromSteps);
    }

    private final TreeMap<String, Portfolio> portfolios = new TreeMap<>();
    /**
     * The same portfolios by hash for the look-ups of every command (issue 15): a tree of a hundred thousand ids costs about seventeen string comparisons
     * and cache misses a look-up, growing with the exchange. Only looked up, never iterated (the engine's
     * order-sensitive passes use the tree), and a LinkedHashMap's order is its insertion order anyway.
     */
    private final LinkedHashMap<String, Portfolio> byId = new LinkedHashMap<>();

    private final TreeMap<String, TreeSet<String>> holders = new TreeMap<>();
    private final TreeMap<String, Long> openInterest = new TreeMap<>();
    private PositionListener listener = (accountId, market, fromSteps) -> {};

    public Portfolio open(String accountId) {
        Portfolio portfolio = byId.get(accountId);
        if (portfolio == null) {
            portfolio = new Portfolio(accountId, this);
            portfolios.put(accountId, portfolio);
            byId.put(accountId, portfolio);
        }
        return portfolio;
    }

    /** The one listener told of every position change from now on. */
    public void onPositionChange(PositionListener listener) {
        this.listener = listener;
    }

    void positionChanged(String accountId, String market, long fromSteps, long toSteps, boolean tell) {
        if (fromSteps == 0 && toSteps != 0) {
            holders.computeIfAbsent(market, k -> new TreeSet<>()).add(accountId);
        } else if (fromSteps != 0 && toSteps == 0) {
            holders.get(market).remove(accountId);
        }
        long delta = Math.max(toSteps, 0) - Math.max(fromSteps, 0);
        if (delta != 0) {
            openInterest.merge(market, delta, Long::sum);
        }
        if (tell) {
            listener.changed(accountId, market, fromSteps);
        }
    }

    /** The accounts holding a non-flat position in {@code market} (the vault included), in id order; read-only. */
    public SortedSet<String> holders(String market) {
        TreeSet<String> held = holders.get(market);
        return held == null ? Collections.emptySortedSet() : Collections.unmodifiableSortedSet(held);
    }

    public Optional<Portfolio> get(String accountId) {
        return Optional.ofNullable(byId.get(accountId));
    }

    public Collection<java.util.Map.Entry<String, Portfolio>> entries() {
        return portfolios.entrySet();
    }

    public void writeTo(CanonicalWriter out) {
        out.writeInt(portfolios.size());
        portfolios.forEach((accountId, p) -> {
            out.writeString(accountId).writeInt(p.positions.size());
            p.positions
                    .values()
                    .forEach(pos -> out.writeString(pos.market)
                            .writeLong(pos.sizeSteps)
                            .writeDecimal(pos.costBasis)
                            .writeDecimal(pos.realizedPnl));
            out.writeInt(p.clientOrders.size());
            p.clientOrders.forEach((cid, co) -> out.writeString(cid)
                    .writeLong(co.orderId())
                    .writeString(co.fingerprint())
                    .writeLong(co.endedAt()));
        });
    }

    public static Portfolios readFrom(CanonicalReader in) {
        Portfolios all = new Portfolios();
        for (int i = 0, n = in.readInt(); i < n; i++) {
            Portfolio p = all.open(in.readString());
            for (int j = 0, m = in.readInt(); j < m; j++) {
                String market = in.readString();
                long sizeSteps = in.readLong();
                BigDecimal costBasis = in.readDecimal();
                // The snapshot writes decimals without trailing zeros; live, realized PnL is always at the
                // ledger scale (events show it so), and a restored engine must give the same events.
                BigDecimal realizedPnl = Decimals.usd(in.readDecimal());
                p.restore(new Position(market, sizeSteps, costBasis, realizedPnl));
            }
            for (int j = 0, m = in.readInt(); j < m; j++) {
                // Format 4 added the end time; older builds never forgot an id, so none was counting down.
                p.clientOrders.put(
                        in.readString(),
                        new Portfolio.ClientOrder(
                                in.readLong(),
                                in.readString(),
                                in.formatVersion() >= 5 ? in.readLong() : Portfolio.ClientOrder.NOT_ENDED));
            }
        }
        return all;
    }

    /** Open interest of {@code market}: the total size of its long positions, in steps. */
    public long openInterestSteps(String market) {
        return openInterest.getOrDefault(market, 0L);
    }

    /** Whether any account holds a position in {@code market}. */
    public boolean hasPositions(String market) {
        return !holders(market).isEmpty();
    }

    /** Sum of every account's exact cost basis in {@code market} (an integrity figure). */
    public BigDecimal costBasis(String market) {
        return portfolios.values().stream()
                .map(p -> p.existingPosition(market).map(Position::costBasis).orElse(BigDecimal.ZERO))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
