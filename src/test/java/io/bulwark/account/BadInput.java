package io.bulwark.account;

import java.util.stream.Stream;

/** The catalogue of bad amounts every money endpoint must refuse with 400, as raw JSON values. */
final class BadInput {
    private BadInput() {}

    static Stream<String> amounts() {
        return Stream.of(
                "0",
                "\"0\"",
                "\"0.000000\"",
                "-1",
                "\"-1\"",
                "\"-0.000001\"",
                "\"NaN\"",
                "NaN",
                "\"Infinity\"",
                "\"-Infinity\"",
                "Infinity",
                "1e309",
                "\"1e309\"",
                "\"1E2\"",
                "1e2",
                "\"0.0000001\"",
                "\"10.1234567\"",
                "\"1000000000000000.5\"",
                "\"1000000000000001\"",
                "\"99999999999999999999999999999999999999\"",
                "true",
                "[]",
                "[\"1\"]",
                "{}",
                "\"abc\"",
                "\"\"",
                "\" 1\"",
                "\"1,5\"",
                "\"0x10\"",
                "null");
    }
}
