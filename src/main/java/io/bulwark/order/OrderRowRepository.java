package io.bulwark.order;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

/** Order history, read from the {@code orders} read model. */
interface OrderRowRepository extends Repository<OrderRow, Long> {

    Optional<OrderRow> findByOrderIdAndAccountId(long orderId, String accountId);

    /**
     * The account's orders in one status with ids below {@code before}, created in [{@code from}, {@code to}),
     * newest first; market empty = all.
     */
    @Query("""
            select o from OrderRow o
            where o.accountId = :account
              and o.status = :status
              and (:market = '' or o.market = :market)
              and o.orderId < :before
              and o.createdAt >= :from
              and o.createdAt < :to
            order by o.orderId desc
            """)
    List<OrderRow> findHistory(
            @Param("account") String account,
            @Param("status") String status,
            @Param("market") String market,
            @Param("before") long before,
            @Param("from") Instant from,
            @Param("to") Instant to,
            Limit limit);

    /** The account's newest order with this client order id (after the engine forgot an id, several may). */
    Optional<OrderRow> findFirstByAccountIdAndClientOrderIdOrderByOrderIdDesc(String accountId, String clientOrderId);

    List<OrderRow> findByAccountIdOrderByOrderId(String accountId);
}
