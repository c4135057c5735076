package io.bulwark.engine.command;

import java.util.List;

/**
 * A batch of oracle price updates. Prices travel as their text so that the engine, not a parser in
 * front of it, decides what is a valid price: every update, refused or not, is part of the record.
 */
public record PostOraclePrices(List<Quote> quotes) implements Command {
    /** One source's price for one market at {@code timestamp} (epoch ms). */
    public record Quote(String market, String source, String price, long timestamp) {}

    public PostOraclePrices {
        quotes = List.copyOf(quotes);
    }
}
