package io.bulwark.engine.oracle;

import java.math.BigDecimal;

/** One source's price in one market. */
public record SourcePrice(String source, BigDecimal price) {}
