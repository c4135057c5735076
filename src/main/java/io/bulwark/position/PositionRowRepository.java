package io.bulwark.position;

import java.util.List;
import org.springframework.data.repository.Repository;

/** The {@code positions} read model (the integrity checks compare it with the engine). */
interface PositionRowRepository extends Repository<PositionRow, PositionRow.Key> {

    List<PositionRow> findByAccountIdOrderByMarket(String accountId);
}
