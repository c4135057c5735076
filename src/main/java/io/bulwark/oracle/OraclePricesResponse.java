package io.bulwark.oracle;

import java.util.List;

/** One result per submitted item, in order; {@code reason} is null when accepted. */
record OraclePricesResponse(long sequence, List<Result> results) {

    record Result(String market, String source, String price, long timestamp, boolean accepted, String reason) {}
}
