package io.bulwark.candle;

import java.util.Arrays;
import java.util.Optional;

/**
 * Which price a candle follows (SPEC section 10 v2): the trades, or the mark or index price the engine reported
 * with each accepted oracle update and each re-anchor.
 */
enum PriceKind {
    TRADE("trade"),
    MARK("mark"),
    INDEX("index");

    private final String code;

    PriceKind(String code) {
        this.code = code;
    }

    /** The name clients use and the {@code candles.price_kind} column holds. */
    String code() {
        return code;
    }

    static Optional<PriceKind> of(String code) {
        return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst();
    }

    static String codes() {
        return String.join(", ", Arrays.stream(values()).map(PriceKind::code).toList());
    }
}
