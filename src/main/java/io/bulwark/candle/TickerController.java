package io.bulwark.candle;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Public: tickers, one market's or every market's (SPEC section 10 v2). */
@RestController
class TickerController {
    private final Tickers tickers;

    TickerController(Tickers tickers) {
        this.tickers = tickers;
    }

    @GetMapping("/api/v1/markets/{market}/ticker")
    TickerResponse ticker(@PathVariable String market) {
        return tickers.ticker(market);
    }

    @GetMapping("/api/v1/tickers")
    List<TickerResponse> tickers() {
        return tickers.all();
    }
}
