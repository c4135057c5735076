package io.bulwark.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.FilterType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hand-written order reader of the order-entry shortcut either declines a body or reads exactly the {@link
 * OrderRequest} the application's JSON mapper reads from it (Spring Boot's, with JsonConfiguration and the
 * properties of application.yml): the same fields, decimals with the same digits and scale. Declining is always
 * safe (Jackson then reads the body), reading differently never is.
 */
class OrderBodyReaderTests {
    private static final ObjectReader JACKSON = applicationMapper().readerFor(OrderRequest.class);

    /** The application's JsonConfiguration, found by scanning as the application finds it (it is package-private). */
    @Configuration(proxyBeanMethods = false)
    @ComponentScan(
            basePackages = "io.bulwark.web",
            useDefaultFilters = false,
            includeFilters =
                    @ComponentScan.Filter(type = FilterType.REGEX, pattern = "io\\.bulwark\\.web\\.JsonConfiguration"))
    static class ApplicationJson {}

    static JsonMapper applicationMapper() {
        JsonMapper[] mapper = new JsonMapper[1];
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class))
                .withUserConfiguration(ApplicationJson.class)
                .withPropertyValues(
                        "spring.jackson.deserialization.fail-on-unknown-properties=true",
                        "spring.jackson.deserialization.use-big-decimal-for-floats=true")
                .run(context -> mapper[0] = context.getBean(JsonMapper.class));
        return mapper[0];
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"market\":\"BTC-USD-PERP\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"timeInForce\":\"GTC\",\"size\":\"0.001\",\"price\":\"65000\"}",
                "{\"market\":\"BTC-USD-PERP\",\"side\":\"SELL\",\"type\":\"MARKET\",\"size\":0.001}",
                " {\n\t\"size\" : 1.50 , \"market\" :\"M\",\"side\":\"BUY\",\"type\":\"STOP_LIMIT\",\"price\":-0,"
                        + "\"triggerPrice\":\"007.10\",\"reduceOnly\":true,\"clientOrderId\":\"a_b-9\"}\r\n",
                "{\"market\":null,\"side\":null,\"type\":null,\"timeInForce\":null,\"price\":null,\"triggerPrice\":null,"
                        + "\"size\":null,\"reduceOnly\":null,\"clientOrderId\":null}",
                "{\"market\":\"\",\"reduceOnly\":false,\"timeInForce\":\"POST_ONLY\",\"size\":\"-0.000\"}",
                "{\"size\":123456789012345678901234.123456789012345678901234}",
                "{\"market\":\" ~!@#$%^&*()x\"}",
                "{}",
                " { } "
            })
    void readsPlainBodiesAsJacksonDoes(String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        OrderRequest read = OrderBodyReader.read(bytes);
        assertThat(read).as("declined %s", body).isNotNull();
        assertThat(read).isEqualTo(JACKSON.readValue(bytes));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"market\":\"M\",\"market\":\"M\"}",
                "{\"market\":\"M\",\"leverage\":1}",
                "{\"Market\":\"M\"}",
                "{\"market\":\"caf\u00e9\"}",
                "{\"market\":\"a\\u0042\"}",
                "{\"market\":\"a\\\"b\"}",
                "{\"market\":\"a\tb\"}",
                "{\"market\":1}",
                "{\"market\":[\"M\"]}",
                "{\"market\":{}}",
                "{\"side\":\"buy\"}",
                "{\"side\":\"\"}",
                "{\"side\":0}",
                "{\"size\":1e3}",
                "{\"size\":1E3}",
                "{\"size\":\"1e3\"}",
                "{\"size\":01}",
                "{\"size\":-01.5}",
                "{\"size\":1.}",
                "{\"size\":.5}",
                "{\"size\":+1}",
                "{\"size\":\"+1\"}",
                "{\"size\":\"\"}",
                "{\"size\":\" 1\"}",
                "{\"size\":1234567890123456789012345}",
                "{\"size\":0.1234567890123456789012345}",
                "{\"size\":true}",
                "{\"size\":NaN}",
                "{\"reduceOnly\":\"true\"}",
                "{\"reduceOnly\":1}",
                "{\"reduceOnly\":truex}",
                "{\"reduceOnly\":nul}",
                "{\"market\":\"M\",}",
                "{,\"market\":\"M\"}",
                "{\"market\":\"M\"}x",
                "{\"market\":\"M\"}{}",
                "{\"market\":\"M\"",
                "\ufeff{\"market\":\"M\"}",
                "{'market':\"M\"}",
                "{market:\"M\"}",
                "[]",
                "",
                "null"
            })
    void declinesWhatItIsNotSureOf(String body) {
        assertThat(OrderBodyReader.read(body.getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @Property(tries = 3000, edgeCases = EdgeCasesMode.NONE)
    void readsEveryGeneratedPlainBodyAsJacksonDoes(@ForAll("plainBodies") String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        OrderRequest read = OrderBodyReader.read(bytes);
        assertThat(read).as("declined %s", body).isNotNull();
        assertThat(read).isEqualTo(JACKSON.readValue(bytes));
    }

    @Property(tries = 10000, edgeCases = EdgeCasesMode.NONE)
    void readsAMutatedBodyAsJacksonDoesOrDeclinesIt(@ForAll("mutatedBodies") String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        OrderRequest read = OrderBodyReader.read(bytes);
        if (read != null) {
            assertThatCode(() -> JACKSON.readValue(bytes))
                    .as("read %s, which Jackson refuses", body)
                    .doesNotThrowAnyException();
            assertThat(read).as(body).isEqualTo(readByJackson(bytes));
        }
    }

    private static OrderRequest readByJackson(byte[] bytes) {
        try {
            return JACKSON.readValue(bytes);
        } catch (JacksonException e) {
            throw new AssertionError(e);
        }
    }

    private static final List<String> KEYS = List.of(
            "market", "side", "type", "timeInForce", "price", "triggerPrice", "size", "reduceOnly", "clientOrderId");

    /** Values this reader reads, per key (in the order of KEYS). */
    private static Arbitrary<String> plainValue(String key) {
        Arbitrary<String> text = Arbitraries.strings()
                .withCharRange(' ', '~')
                .ofMaxLength(70)
                .filter(s -> s.indexOf('"') < 0 && s.indexOf('\\') < 0)
                .map(s -> "\"" + s + "\"");
        Arbitrary<String> nul = Arbitraries.just("null");
        return switch (key) {
            case "market", "clientOrderId" ->
                Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, text), net.jqwik.api.Tuple.of(1, nul));
            case "side" -> Arbitraries.of("\"BUY\"", "\"SELL\"", "null");
            case "type" ->
                Arbitraries.of(
                        "\"LIMIT\"",
                        "\"MARKET\"",
                        "\"STOP_MARKET\"",
                        "\"STOP_LIMIT\"",
                        "\"TAKE_PROFIT_MARKET\"",
                        "\"TAKE_PROFIT_LIMIT\"",
                        "null");
            case "timeInForce" -> Arbitraries.of("\"GTC\"", "\"IOC\"", "\"FOK\"", "\"POST_ONLY\"", "null");
            case "reduceOnly" -> Arbitraries.of("true", "false", "null");
            default -> Arbitraries.oneOf(decimal(true), decimal(false), nul);
        };
    }

    /** A plain decimal of up to 24 digits each side, as a JSON string (leading zeros allowed) or number. */
    private static Arbitrary<String> decimal(boolean quoted) {
        Arbitrary<String> whole = quoted
                ? Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(24)
                : Arbitraries.oneOf(
                        Arbitraries.just("0"),
                        Arbitraries.strings()
                                .withCharRange('1', '9')
                                .ofLength(1)
                                .flatMap(first -> Arbitraries.strings()
                                        .numeric()
                                        .ofMaxLength(23)
                                        .map(rest -> first + rest)));
        Arbitrary<String> fraction =
                Arbitraries.strings().numeric().ofMaxLength(24).map(f -> f.isEmpty() ? "" : "." + f);
        return Combinators.combine(Arbitraries.of("", "-"), whole, fraction)
                .as((sign, w, f) -> quoted ? "\"" + sign + w + f + "\"" : sign + w + f);
    }

    private static Arbitrary<String> space() {
        return Arbitraries.of("", "", "", " ", "\n", "\t", "\r\n", "  ");
    }

    @Provide
    Arbitrary<String> plainBodies() {
        return Arbitraries.shuffle(KEYS)
                .flatMap(keys -> Arbitraries.integers().between(0, keys.size()).flatMap(n -> {
                    List<Arbitrary<String>> members = new ArrayList<>();
                    for (String key : keys.subList(0, n)) {
                        members.add(Combinators.combine(space(), plainValue(key), space())
                                .as((a, v, b) -> a + "\"" + key + "\"" + b + ":" + a + v + b));
                    }
                    return Combinators.combine(members).as(m -> "{" + String.join(",", m) + "}");
                }));
    }

    /** Plain bodies with bytes inserted, removed or replaced, or a member added that may be odd. */
    @Provide
    Arbitrary<String> mutatedBodies() {
        Arbitrary<String> odd = Arbitraries.of(
                "\"size\":\"1\"",
                "\"market\":\"x\"",
                "\"extra\":1",
                "\"price\":1e2",
                "\"side\":[1]",
                "\"a\\u0062\":1",
                "\"reduceOnly\":\"false\"",
                "\"size\":{\"a\":1}",
                "\"clientOrderId\":\"\\ud800\"",
                "\"type\":\"LIMIT \"");
        Arbitrary<String> pieces = Arbitraries.of(
                "\"",
                "\\",
                "{",
                "}",
                "[",
                "]",
                ",",
                ":",
                "-",
                "+",
                ".",
                "e",
                "0",
                "1",
                "n",
                "t",
                " ",
                "\u0000",
                "\u00e9",
                "null",
                "true",
                "\"\\n\"",
                "\ufeff",
                "\ud83d\ude00");
        return Combinators.combine(
                        plainBodies(),
                        Arbitraries.integers().between(0, 4),
                        pieces,
                        odd,
                        Arbitraries.doubles().between(0, 1))
                .as((body, how, piece, member, where) -> {
                    int at = (int) (where * body.length());
                    return switch (how) {
                        case 0 -> body.substring(0, at) + piece + body.substring(at);
                        case 1 -> body.substring(0, at) + body.substring(Math.min(body.length(), at + 1));
                        case 2 -> body.substring(0, at) + piece + body.substring(Math.min(body.length(), at + 1));
                        case 3 -> body.length() > 2 ? "{" + member + "," + body.substring(1) : "{" + member + "}";
                        default -> body.substring(0, at);
                    };
                });
    }
}
