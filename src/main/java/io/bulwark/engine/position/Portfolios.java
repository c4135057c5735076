package io.bulwark.engine.position;

import io.bulwark.engine.snapshot.CanonicalReader;
import io.bulwark.engine.snapshot.CanonicalWriter;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Optional;
import java.util.TreeMap;

/** Every account's portfolio. Live orders and held margin are rebuilt from the orders on restore. */
public final class Portfolios {
    private final TreeMap<String, Portfolio> portfolios = new TreeMap<>();

    public Portfolio open(String accountId) {
        return portfolios.computeIfAbsent(accountId, k -> new Portfolio());
    }

    public Optional<Portfolio> get(String accountId) {
        return Optional.ofNullable(portfolios.get(accountId));
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
                p.positions.put(market, new Position(market, in.readLong(), in.readDecimal(), in.readDecimal()));
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
        long steps = 0;
        for (Portfolio p : portfolios.values()) {
            steps += p.existingPosition(market)
                    .map(Position::sizeSteps)
                    .filter(s -> s > 0)
                    .orElse(0L);
        }
        return steps;
    }

    /** Whether any account holds a position in {@code market}. */
    public boolean hasPositions(String market) {
        return portfolios.values().stream()
                .anyMatch(p ->
                        p.existingPosition(market).filter(pos -> !pos.isFlat()).isPresent());
    }

    /** Sum of every account's exact cost basis in {@code market} (an integrity figure). */
    public BigDecimal costBasis(String market) {
        return portfolios.values().stream()
                .map(p -> p.existingPosition(market).map(Position::costBasis).orElse(BigDecimal.ZERO))
                .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
}
