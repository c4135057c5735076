package io.bulwark.liquidation;

import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/** Liquidation history, read from the {@code liquidations} read model. */
interface LiquidationRowRepository extends Repository<LiquidationRow, String> {

    /** Liquidations strictly before (sequence, index), newest first; account or market empty = all. */
    @Query("""
            select l from LiquidationRow l
            where (:account = '' or l.accountId = :account)
              and (:market = '' or l.market = :market)
              and (l.sequence < :sequence or (l.sequence = :sequence and l.eventIndex < :index))
            order by l.sequence desc, l.eventIndex desc
            """)
    List<LiquidationRow> findBefore(
            @Param("account") String account,
            @Param("market") String market,
            @Param("sequence") long sequence,
            @Param("index") int index,
            Limit limit);
}
