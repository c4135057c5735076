package io.bulwark.trade;

import java.util.Collection;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/** Fill history, read from the {@code fills} read model. */
interface FillRowRepository extends Repository<FillRow, String> {

    /**
     * The account's fills strictly before position (sequence, tradeIndex), newest first; {@code market}
     * empty means every market.
     */
    @Query("""
            select f from FillRow f
            where f.accountId = :account
              and (:market = '' or f.market = :market)
              and (f.sequence < :sequence or (f.sequence = :sequence and f.tradeIndex < :tradeIndex))
            order by f.sequence desc, f.tradeIndex desc
            """)
    List<FillRow> findBefore(
            @Param("account") String account,
            @Param("market") String market,
            @Param("sequence") long sequence,
            @Param("tradeIndex") int tradeIndex,
            Limit limit);

    /** The fills of some of the account's orders up to a sequence, oldest first. */
    @Query("""
            select f from FillRow f
            where f.accountId = :account and f.orderId in :orderIds and f.sequence <= :sequence
            order by f.sequence, f.tradeIndex
            """)
    List<FillRow> findOfOrders(
            @Param("account") String account,
            @Param("orderIds") Collection<Long> orderIds,
            @Param("sequence") long sequence);
}
