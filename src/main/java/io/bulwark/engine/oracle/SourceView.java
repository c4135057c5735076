package io.bulwark.engine.oracle;

/** One oracle source as a market knows it; {@code pending}: its offered price was refused as a jump. */
public record SourceView(String source, Quote accepted, Quote offered, boolean pending, long rejections) {}
