package io.bulwark.funding;

import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/** Funding payment history, read from the {@code funding_payments} read model. */
interface FundingPaymentRowRepository extends Repository<FundingPaymentRow, String> {

    /** The account's payments strictly before (sequence, index), newest first; market empty = all. */
    @Query("""
            select p from FundingPaymentRow p
            where p.accountId = :account
              and (:market = '' or p.market = :market)
              and (p.sequence < :sequence or (p.sequence = :sequence and p.eventIndex < :index))
            order by p.sequence desc, p.eventIndex desc
            """)
    List<FundingPaymentRow> findBefore(
            @Param("account") String account,
            @Param("market") String market,
            @Param("sequence") long sequence,
            @Param("index") int index,
            Limit limit);
}
