package io.bulwark.market;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Public market data. */
@RestController
@RequestMapping("/api/v1/markets")
class MarketController {
    private final MarketCatalog markets;

    MarketController(MarketCatalog markets) {
        this.markets = markets;
    }

    @GetMapping
    List<MarketResponse> list() {
        return markets.all();
    }

    @GetMapping("/{market}")
    MarketResponse get(@PathVariable String market) {
        return markets.get(market);
    }
}
