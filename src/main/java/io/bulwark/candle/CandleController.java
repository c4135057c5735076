package io.bulwark.candle;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Public: a market's candles (SPEC section 10 v2). */
@RestController
@RequestMapping("/api/v1/markets/{market}/candles")
class CandleController {
    private final Candles candles;

    CandleController(Candles candles) {
        this.candles = candles;
    }

    @GetMapping
    List<CandleResponse> candles(
            @PathVariable String market,
            @RequestParam String interval,
            @RequestParam(defaultValue = "trade") String price,
            @RequestParam(required = false) String from,
            @RequestParam(required = false) String to,
            @RequestParam(defaultValue = "" + Candles.DEFAULT_LIMIT) @Min(1) @Max(Candles.MAX_LIMIT) int limit) {
        return candles.candles(market, Candles.Query.of(interval, price, from, to, limit));
    }
}
