package io.bulwark.oracle;

import io.bulwark.engine.command.PostOraclePrices;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.OraclePriceAccepted;
import io.bulwark.engine.event.OraclePriceRejected;
import io.bulwark.web.ApiException;
import io.bulwark.web.EngineClient;
import io.bulwark.web.security.Caller;
import jakarta.validation.Valid;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Oracle role: price updates, each judged by the engine (SPEC section 6), which also refuses every item
 * for a source other than the one the caller's key is bound to ({@code SOURCE_NOT_ALLOWED}). An ORACLE
 * key issued before keys were bound to sources speaks for no source: it is refused whole, 403
 * SOURCE_NOT_ALLOWED, before anything is journaled.
 */
@RestController
@RequestMapping("/api/v1/oracle/prices")
class OracleController {
    private static final int MAX_PRICE_TEXT = 64;
    private final EngineClient engine;

    OracleController(EngineClient engine) {
        this.engine = engine;
    }

    @PostMapping
    OraclePricesResponse post(@AuthenticationPrincipal Caller caller, @Valid @RequestBody OraclePricesRequest request) {
        if (caller.source().isEmpty()) {
            throw new ApiException(
                    HttpStatus.FORBIDDEN,
                    "SOURCE_NOT_ALLOWED",
                    "this ORACLE key is bound to no source (it was issued before keys were bound to sources):"
                            + " issue a new one with POST /api/v1/admin/keys {\"role\":\"ORACLE\",\"source\":...}");
        }
        List<PostOraclePrices.Quote> quotes = new ArrayList<>();
        for (int i = 0; i < request.prices().size(); i++) {
            OraclePricesRequest.Item item = request.prices().get(i);
            quotes.add(new PostOraclePrices.Quote(
                    item.market(), item.source(), priceText(item.price(), i), timestamp(item.timestamp(), i)));
        }
        var applied = engine.apply(new PostOraclePrices(quotes, caller.keyId()), caller.actor());
        List<OraclePricesResponse.Result> results = new ArrayList<>();
        for (Event e : applied.events()) {
            switch (e) {
                case OraclePriceAccepted a ->
                    results.add(new OraclePricesResponse.Result(
                            a.market(), a.source(), a.price().toPlainString(), a.timestamp(), true, null));
                case OraclePriceRejected r ->
                    results.add(new OraclePricesResponse.Result(
                            r.market(),
                            r.source(),
                            r.price(),
                            r.timestamp(),
                            false,
                            r.reason().name()));
                default -> {}
            }
        }
        return new OraclePricesResponse(applied.sequence(), results);
    }

    /** A string as is, a number by its exact text; anything else becomes text the engine refuses. */
    private static String priceText(JsonNode price, int index) {
        String text = price.isNumber()
                ? price.decimalValue().toString()
                : price.isString() ? price.asString() : price.toString();
        if (text.length() > MAX_PRICE_TEXT) {
            throw ApiException.badRequest(
                    "prices[" + index + "].price is longer than " + MAX_PRICE_TEXT + " characters");
        }
        return text;
    }

    private static long timestamp(JsonNode node, int index) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isString()) {
            try {
                return Instant.parse(node.asString()).toEpochMilli();
            } catch (DateTimeParseException e) {
                // fall through to the refusal below
            }
        }
        throw ApiException.badRequest(
                "prices[" + index + "].timestamp must be epoch milliseconds or an ISO-8601 instant");
    }
}
