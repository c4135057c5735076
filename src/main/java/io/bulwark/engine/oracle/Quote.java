package io.bulwark.engine.oracle;

import java.math.BigDecimal;

/** A source's price at {@code timestamp} (the source's own time, epoch ms). */
public record Quote(BigDecimal price, long timestamp) {}
