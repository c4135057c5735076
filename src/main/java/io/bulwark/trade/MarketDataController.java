package io.bulwark.trade;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Public: a market's order book and recent trades. */
@RestController
@RequestMapping("/api/v1/markets/{market}")
class MarketDataController {
    private final MarketData data;

    MarketDataController(MarketData data) {
        this.data = data;
    }

    @GetMapping("/orderbook")
    OrderBookResponse orderBook(
            @PathVariable String market,
            @RequestParam(defaultValue = "" + MarketData.DEFAULT_DEPTH) @Min(1) @Max(MarketData.MAX_DEPTH) int depth) {
        return data.book(market, depth);
    }

    @GetMapping("/trades")
    List<TradeResponse> trades(
            @PathVariable String market,
            @RequestParam(defaultValue = "" + MarketData.DEFAULT_LIMIT) @Min(1) @Max(MarketData.MAX_LIMIT) int limit,
            @RequestParam(required = false) String before) {
        return data.trades(market, limit, before);
    }
}
