package io.bulwark.liquidation;

import io.bulwark.web.ApiException;
import io.bulwark.web.EngineClient;
import io.bulwark.web.EventCursor;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Liquidations, from the {@code liquidations} read model: one account's (trader) or anyone's (admin). */
@Service
class LiquidationHistory {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    private final LiquidationRowRepository liquidations;
    private final EngineClient engine;

    LiquidationHistory(LiquidationRowRepository liquidations, EngineClient engine) {
        this.liquidations = liquidations;
        this.engine = engine;
    }

    /**
     * A page, newest first, strictly before the cursor {@code before}; {@code account} or {@code market}
     * null or empty means all. A named market or account must exist (404).
     */
    @Transactional(readOnly = true)
    List<LiquidationResponse> page(String account, String market, int limit, String before) {
        EventCursor cursor = EventCursor.before(before);
        String accountFilter = account == null ? "" : account;
        String marketFilter = market == null ? "" : market;
        if (!marketFilter.isEmpty()
                && !engine.query(view -> view.market(marketFilter).isPresent())) {
            throw ApiException.notFound("UNKNOWN_MARKET", "no market " + marketFilter);
        }
        if (!accountFilter.isEmpty()
                && !engine.query(view -> view.account(accountFilter).isPresent())) {
            throw ApiException.notFound("ACCOUNT_NOT_FOUND", "no account " + accountFilter);
        }
        return liquidations
                .findBefore(accountFilter, marketFilter, cursor.sequence(), cursor.index(), Limit.of(limit))
                .stream()
                .map(LiquidationRow::response)
                .toList();
    }
}
