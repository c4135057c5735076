package io.bulwark.market;

import io.bulwark.engine.market.MarketPatch;
import io.bulwark.web.security.Caller;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin: list new markets and change their parameters. */
@RestController
@RequestMapping("/api/v1/admin/markets")
class AdminMarketController {
    private final MarketCatalog markets;
    private final MarketPatch defaults;

    AdminMarketController(MarketCatalog markets, MarketsProperties properties) {
        this.markets = markets;
        this.defaults = properties.defaults();
    }

    @PostMapping
    ResponseEntity<MarketResponse> create(
            @AuthenticationPrincipal Caller caller, @Valid @RequestBody MarketsProperties.Seed request) {
        MarketResponse created = markets.create(request.toSpec(defaults), caller.actor());
        return ResponseEntity.created(URI.create("/api/v1/markets/" + created.market()))
                .body(created);
    }

    /**
     * {@code PATCH /api/v1/admin/markets/{market}}: any subset of a market's parameters, bound straight to
     * the engine's {@link MarketPatch} (an absent or null field stays as it is; the name cannot change).
     */
    @PatchMapping("/{market}")
    MarketResponse update(
            @AuthenticationPrincipal Caller caller, @PathVariable String market, @RequestBody MarketPatch patch) {
        return markets.update(market, patch, caller.actor());
    }
}
