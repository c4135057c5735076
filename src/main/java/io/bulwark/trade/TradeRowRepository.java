package io.bulwark.trade;

import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/** Public trade history, read from the {@code trades} read model. */
interface TradeRowRepository extends Repository<TradeRow, String> {

    /** A market's trades strictly before position (sequence, tradeIndex), newest first. */
    @Query("""
            select t from TradeRow t
            where t.market = :market
              and (t.sequence < :sequence or (t.sequence = :sequence and t.tradeIndex < :tradeIndex))
            order by t.sequence desc, t.tradeIndex desc
            """)
    List<TradeRow> findBefore(
            @Param("market") String market,
            @Param("sequence") long sequence,
            @Param("tradeIndex") int tradeIndex,
            Limit limit);
}
