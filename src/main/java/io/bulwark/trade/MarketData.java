package io.bulwark.trade;

import io.bulwark.engine.PublicView;
import io.bulwark.web.ApiException;
import io.bulwark.web.EngineClient;
import io.bulwark.web.EventCursor;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Public market data: the book (from the view the engine publishes after each commit, never queued behind
 * orders) and recent trades (history, from the read model).
 */
@Service
class MarketData {
    static final int DEFAULT_DEPTH = 20;
    static final int MAX_DEPTH = PublicView.BOOK_DEPTH;
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;

    private final EngineClient engine;
    private final TradeRowRepository trades;

    MarketData(EngineClient engine, TradeRowRepository trades) {
        this.engine = engine;
        this.trades = trades;
    }

    OrderBookResponse book(String market, int depth) {
        return engine.publicView()
                .orderBook(market, depth)
                .map(OrderBookResponse::of)
                .orElseThrow(() -> unknown(market));
    }

    @Transactional(readOnly = true)
    List<TradeResponse> trades(String market, int limit, String before) {
        EventCursor cursor = EventCursor.beforeTrade(before);
        if (engine.publicView().market(market).isEmpty()) {
            throw unknown(market);
        }
        return trades.findBefore(market, cursor.sequence(), cursor.index(), Limit.of(limit)).stream()
                .map(TradeResponse::of)
                .toList();
    }

    private static ApiException unknown(String market) {
        return ApiException.notFound("UNKNOWN_MARKET", "no market " + market);
    }
}
