package io.bulwark.engine.command;

import java.util.List;

/**
 * A batch of oracle price updates. Prices travel as their text so that the engine, not a parser in
 * front of it, decides what is a valid price: every update, refused or not, is part of the record.
 *
 * <p>{@code keyId} is the ORACLE key that posted them: each item must name the source that key is bound
 * to, or it is refused {@code SOURCE_NOT_ALLOWED}. Null for prices from inside the service (the demo's
 * simulated feed) and for journal rows written before keys were bound to sources, which replay as
 * they were applied.
 */
public record PostOraclePrices(List<Quote> quotes, String keyId) implements Command {
    /** One source's price for one market at {@code timestamp} (epoch ms). */
    public record Quote(String market, String source, String price, long timestamp) {}

    public PostOraclePrices {
        quotes = List.copyOf(quotes);
    }

    /** Prices from inside the service, bound to no key. */
    public PostOraclePrices(List<Quote> quotes) {
        this(quotes, null);
    }
}
