package io.bulwark.engine.oracle;

import io.bulwark.engine.snapshot.CanonicalReader;
import io.bulwark.engine.snapshot.CanonicalWriter;
import java.math.BigDecimal;

/** The last time a market's index was set outside the jump limits, from what price to what, and why. */
public record Reanchor(long time, BigDecimal fromPrice, BigDecimal toPrice, ReanchorCause cause) {

    void writeTo(CanonicalWriter out) {
        out.writeLong(time)
                .writeOptionalDecimal(fromPrice)
                .writeDecimal(toPrice)
                .writeEnum(cause);
    }

    static Reanchor readFrom(CanonicalReader in) {
        return new Reanchor(
                in.readLong(), in.readOptionalDecimal(), in.readDecimal(), in.readEnum(ReanchorCause.class));
    }
}
