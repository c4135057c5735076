package io.bulwark.fault;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bad input made from a valid JSON object: a field removed, a field's value replaced by any JSON value
 * (strings of any characters, huge, tiny and negative numbers, nesting), unknown and duplicate fields,
 * truncated or spliced text, and plain garbage. Generated with jqwik's arbitraries.
 */
final class JsonFuzz {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> NUMBER_TEXTS = List.of(
            "0",
            "-0",
            "-1",
            "1e400",
            "-1e400",
            "1e-400",
            "0.000000000000000000000000001",
            "1E+2",
            "9".repeat(60),
            "65000.05",
            "123456789012345678901234567890.123456789",
            "0.1",
            "2147483648",
            "-9223372036854775809");
    private static final List<String> GARBAGE = List.of(
            "",
            " ",
            "null",
            "[]",
            "{}",
            "\"text\"",
            "1e99999",
            "NaN",
            "{\"a\":",
            "{,}",
            "{\"\":1}",
            "[".repeat(3000),
            "{\"a\":".repeat(2000),
            "\u0000",
            "\uFEFF{}",
            "{'a':1}",
            "{\"a\":1}{\"b\":2}",
            "tru",
            "nul");

    private JsonFuzz() {}

    /** Bodies derived from {@code validJson}, a JSON object; an endless iterator over random samples. */
    static Iterator<String> bodies(String validJson) {
        return mutations(validJson).sampleStream().iterator();
    }

    static Arbitrary<String> mutations(String validJson) {
        ObjectNode seed = (ObjectNode) JSON.readTree(validJson);
        List<String> fields = new ArrayList<>(seed.propertyNames());
        Arbitrary<String> field = Arbitraries.of(fields);
        Arbitrary<String> removed = field.map(f -> {
            ObjectNode copy = seed.deepCopy();
            copy.remove(f);
            return copy.toString();
        });
        Arbitrary<String> replaced = Combinators.combine(field, values(2)).as((f, v) -> {
            ObjectNode copy = seed.deepCopy();
            copy.set(f, v);
            return copy.toString();
        });
        Arbitrary<String> twoReplaced = Combinators.combine(field, values(1), field, values(1))
                .as((f, v, g, w) -> {
                    ObjectNode copy = seed.deepCopy();
                    copy.set(f, v);
                    copy.set(g, w);
                    return copy.toString();
                });
        Arbitrary<String> added = Combinators.combine(Arbitraries.strings().ofMaxLength(12), values(1))
                .as((f, v) -> {
                    ObjectNode copy = seed.deepCopy();
                    copy.set(f, v);
                    return copy.toString();
                });
        Arbitrary<String> duplicated = Combinators.combine(field, values(0))
                .as((f, v) -> "{\"" + f + "\":" + v + "," + validJson.strip().substring(1));
        Arbitrary<String> truncated =
                Arbitraries.integers().between(0, validJson.length()).map(n -> validJson.substring(0, n));
        Arbitrary<String> spliced = Combinators.combine(
                        Arbitraries.integers().between(0, validJson.length()),
                        Arbitraries.strings().ofMinLength(1).ofMaxLength(4))
                .as((at, text) -> validJson.substring(0, at) + text + validJson.substring(at));
        Arbitrary<String> garbage = Arbitraries.oneOf(
                Arbitraries.of(GARBAGE),
                Arbitraries.strings().ofMaxLength(200),
                values(3).map(JsonNode::toString));
        return Arbitraries.frequencyOf(
                Tuple.of(2, removed),
                Tuple.of(6, replaced),
                Tuple.of(2, twoReplaced),
                Tuple.of(1, added),
                Tuple.of(1, duplicated),
                Tuple.of(1, truncated),
                Tuple.of(1, spliced),
                Tuple.of(1, garbage),
                Tuple.of(1, Arbitraries.just(validJson)));
    }

    /** Any JSON value, nested up to {@code depth} levels. */
    static Arbitrary<JsonNode> values(int depth) {
        List<Tuple.Tuple2<Integer, Arbitrary<JsonNode>>> choices = new ArrayList<>();
        choices.add(Tuple.of(4, Arbitraries.strings().ofMaxLength(80).map(NODES::stringNode)));
        choices.add(Tuple.of(
                1,
                Arbitraries.strings()
                        .withCharRange('0', '9')
                        .withChars('.', '-', 'e', 'E', '+')
                        .ofMaxLength(30)
                        .map(NODES::stringNode)));
        choices.add(Tuple.of(3, Arbitraries.of(NUMBER_TEXTS).map(t -> NODES.numberNode(new BigDecimal(t)))));
        choices.add(Tuple.of(3, Arbitraries.of(NUMBER_TEXTS).map(NODES::stringNode)));
        choices.add(Tuple.of(1, Arbitraries.longs().map(NODES::numberNode)));
        choices.add(Tuple.of(1, Arbitraries.of(true, false).map(NODES::booleanNode)));
        choices.add(Tuple.of(1, Arbitraries.just(NODES.nullNode())));
        choices.add(Tuple.of(1, Arbitraries.strings().ofLength(70_000).map(NODES::stringNode)));
        if (depth > 0) {
            choices.add(Tuple.of(1, values(depth - 1).list().ofMaxSize(4).map(l -> {
                var array = NODES.arrayNode();
                l.forEach(array::add);
                return array;
            })));
            choices.add(Tuple.of(
                    1,
                    Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(8), values(depth - 1))
                            .as((k, v) -> {
                                ObjectNode object = NODES.objectNode();
                                object.set(k, v);
                                return object;
                            })));
        }
        return Arbitraries.frequencyOf(choices);
    }
}
