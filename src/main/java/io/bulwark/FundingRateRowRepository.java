package io.bulwark.funding;

import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/** Settled funding rates, read from the {@code funding_rates} read model. */
interface FundingRateRowRepository extends Repository<FundingRateRow, FundingRateRow.Key> {

    /** The market's settled rates below {@code sequence}, newest first. */
    @Query("""
            select r from FundingRateRow r
            where r.market = :market and r.sequence < :sequence
            order by r.sequence desc
            """)
    List<FundingRateRow> findBefore(@Param("market") String market, @Param("sequence") long sequence, Limit limit);
}
