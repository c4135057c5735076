package io.bulwark.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.web.ApiClient;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input catalogue of {@code POST /api/v1/orders}: every entry is answered with its coded 4xx, never
 * a 500, and changes nothing (the trader's live orders and balance stay as they were).
 */
class OrderInputTests extends TradingApiTestBase {
    private static final String VALID =
            "{\"market\":\"M\",\"side\":\"BUY\",\"type\":\"LIMIT\",\"price\":\"65000\",\"size\":\"0.1\"}";

    /** One trader and market for the whole catalogue: a refused order must leave both untouched. */
    private static String market;

    private static Trader trader;
    private static String resting;

    @BeforeEach
    void fixture() {
        if (market == null) {
            market = newMarket();
            trader = newFundedTrader("10000");
            resting = placed(trader, Ticket.limit(market, "BUY", "0.01", "60000"))
                    .path("orderId")
                    .asString();
        }
    }

    /** A body with {@code field} set to the raw JSON {@code value} in an otherwise valid LIMIT buy. */
    private static String with(String field, String value) {
        String body = VALID;
        String pattern = "\"" + field + "\":";
        int at = body.indexOf(pattern);
        if (at < 0) {
            return body.substring(0, body.length() - 1) + "," + pattern + value + "}";
        }
        int end = body.indexOf(',', at) < 0 ? body.length() - 1 : body.indexOf(',', at);
        return body.substring(0, at) + pattern + value + body.substring(end);
    }

    private static String without(String field) {
        String body = VALID;
        int at = body.indexOf("\"" + field + "\":");
        int end = body.indexOf(',', at);
        return end < 0 ? body.substring(0, at - 1) + "}" : body.substring(0, at) + body.substring(end + 1);
    }

    static Stream<Arguments> badSizes() {
        return Stream.of(
                bad("size 0", with("size", "0"), 400, "INVALID_SIZE"),
                bad("size \"0\"", with("size", "\"0\""), 400, "INVALID_SIZE"),
                bad("size \"0.000\"", with("size", "\"0.000\""), 400, "INVALID_SIZE"),
                bad("negative size", with("size", "-1"), 400, "INVALID_SIZE"),
                bad("negative size text", with("size", "\"-0.001\""), 400, "INVALID_SIZE"),
                bad("size off the step", with("size", "\"0.0015\""), 400, "INVALID_SIZE"),
                bad("size below the step", with("size", "\"0.0001\""), 400, "INVALID_SIZE"),
                bad("size with 13 decimals", with("size", "\"0.1000000000001\""), 400, "INVALID_SIZE"),
                bad("huge size", with("size", "\"99999999999999999999\""), 400, "INVALID_SIZE"),
                bad("size just over the bound", with("size", "\"1000000000000000.001\""), 400, "INVALID_SIZE"),
                bad("size too long to read", with("size", "\"1" + "0".repeat(30) + "\""), 400, "VALIDATION_FAILED"),
                bad("size \"NaN\"", with("size", "\"NaN\""), 400, "VALIDATION_FAILED"),
                bad("size NaN", with("size", "NaN"), 400, "VALIDATION_FAILED"),
                bad("size \"Infinity\"", with("size", "\"Infinity\""), 400, "VALIDATION_FAILED"),
                bad("size -Infinity", with("size", "-Infinity"), 400, "VALIDATION_FAILED"),
                bad("size 1e309", with("size", "1e309"), 400, "VALIDATION_FAILED"),
                bad("size \"1e2\"", with("size", "\"1e2\""), 400, "VALIDATION_FAILED"),
                bad("size true", with("size", "true"), 400, "VALIDATION_FAILED"),
                bad("size []", with("size", "[]"), 400, "VALIDATION_FAILED"),
                bad("size {}", with("size", "{}"), 400, "VALIDATION_FAILED"),
                bad("size \"abc\"", with("size", "\"abc\""), 400, "VALIDATION_FAILED"),
                bad("size \"\"", with("size", "\"\""), 400, "VALIDATION_FAILED"),
                bad("size \" 1\"", with("size", "\" 1\""), 400, "VALIDATION_FAILED"),
                bad("size \"1,5\"", with("size", "\"1,5\""), 400, "VALIDATION_FAILED"),
                bad("size null", with("size", "null"), 400, "VALIDATION_FAILED"),
                bad("size missing", without("size"), 400, "VALIDATION_FAILED"));
    }

    static Stream<Arguments> badPrices() {
        return Stream.of(
                bad("price 0", with("price", "0"), 400, "INVALID_PRICE"),
                bad("negative price", with("price", "\"-65000\""), 400, "INVALID_PRICE"),
                bad("price off the tick", with("price", "\"65000.05\""), 400, "INVALID_PRICE"),
                bad("price with 13 decimals", with("price", "\"65000.0000000000001\""), 400, "INVALID_PRICE"),
                bad("huge price", with("price", "\"99999999999999999999\""), 400, "INVALID_PRICE"),
                bad("price \"NaN\"", with("price", "\"NaN\""), 400, "VALIDATION_FAILED"),
                bad("price Infinity", with("price", "Infinity"), 400, "VALIDATION_FAILED"),
                bad("price \"Infinity\"", with("price", "\"Infinity\""), 400, "VALIDATION_FAILED"),
                bad("price 1e309", with("price", "1e309"), 400, "VALIDATION_FAILED"),
                bad("price 6.5E4", with("price", "6.5E4"), 400, "VALIDATION_FAILED"),
                bad("price false", with("price", "false"), 400, "VALIDATION_FAILED"),
                bad("price [\"65000\"]", with("price", "[\"65000\"]"), 400, "VALIDATION_FAILED"),
                bad("LIMIT without a price", without("price"), 400, "INVALID_PRICE"),
                bad("LIMIT with a null price", with("price", "null"), 400, "INVALID_PRICE"),
                bad("price on a MARKET order", with("type", "\"MARKET\""), 400, "INVALID_PRICE"),
                bad("triggerPrice on a LIMIT order", with("triggerPrice", "\"64000\""), 400, "INVALID_PRICE"),
                bad("STOP_LIMIT without a triggerPrice", with("type", "\"STOP_LIMIT\""), 400, "INVALID_PRICE"),
                bad(
                        "STOP_MARKET without a triggerPrice",
                        "{\"market\":\"M\",\"side\":\"SELL\",\"type\":\"STOP_MARKET\",\"size\":\"0.1\"}",
                        400,
                        "INVALID_PRICE"),
                bad(
                        "negative triggerPrice",
                        with("type", "\"STOP_LIMIT\"").replace("}", ",\"triggerPrice\":\"-1\"}"),
                        400,
                        "INVALID_PRICE"));
    }

    static Stream<Arguments> badShapes() {
        return Stream.of(
                bad("side in lower case", with("side", "\"buy\""), 400, "VALIDATION_FAILED"),
                bad("unknown side", with("side", "\"HOLD\""), 400, "VALIDATION_FAILED"),
                bad("side as a number", with("side", "0"), 400, "VALIDATION_FAILED"),
                bad("unknown type", with("type", "\"LIMITED\""), 400, "VALIDATION_FAILED"),
                bad("type null", with("type", "null"), 400, "VALIDATION_FAILED"),
                bad("unknown timeInForce", with("timeInForce", "\"GTD\""), 400, "VALIDATION_FAILED"),
                bad(
                        "POST_ONLY on a MARKET order",
                        "{\"market\":\"M\",\"side\":\"BUY\",\"type\":\"MARKET\",\"size\":\"0.1\","
                                + "\"timeInForce\":\"POST_ONLY\"}",
                        400,
                        "VALIDATION_FAILED"),
                bad("reduceOnly as text", with("reduceOnly", "\"true\""), 400, "VALIDATION_FAILED"),
                bad("reduceOnly as a number", with("reduceOnly", "1"), 400, "VALIDATION_FAILED"),
                bad("market as a number", with("market", "42"), 400, "VALIDATION_FAILED"),
                bad("blank market", with("market", "\" \""), 400, "VALIDATION_FAILED"),
                bad("market too long", with("market", "\"" + "A".repeat(65) + "\""), 400, "VALIDATION_FAILED"),
                bad("market missing", without("market"), 400, "VALIDATION_FAILED"),
                bad("side missing", without("side"), 400, "VALIDATION_FAILED"),
                bad("type missing", without("type"), 400, "VALIDATION_FAILED"),
                bad("clientOrderId with a space", with("clientOrderId", "\"my order\""), 400, "VALIDATION_FAILED"),
                bad(
                        "clientOrderId too long",
                        with("clientOrderId", "\"" + "a".repeat(65) + "\""),
                        400,
                        "VALIDATION_FAILED"),
                bad("empty clientOrderId", with("clientOrderId", "\"\""), 400, "VALIDATION_FAILED"),
                bad("clientOrderId as a number", with("clientOrderId", "123"), 400, "VALIDATION_FAILED"),
                bad("clientOrderId with a NUL", with("clientOrderId", "\"a\\u0000b\""), 400, "VALIDATION_FAILED"),
                bad("unknown field", with("leverage", "\"10\""), 400, "VALIDATION_FAILED"),
                bad("duplicated field", with("size", "\"0.1\",\"size\":\"0.2\""), 400, "VALIDATION_FAILED"),
                bad("trailing content", with("size", "\"0.1\"") + "{}", 400, "VALIDATION_FAILED"),
                bad("an array body", "[" + with("size", "\"0.1\"") + "]", 400, "VALIDATION_FAILED"),
                bad("not JSON", "place an order please", 400, "VALIDATION_FAILED"),
                bad("truncated JSON", "{\"market\":\"M\",", 400, "VALIDATION_FAILED"),
                bad("an empty body", "", 400, "VALIDATION_FAILED"),
                bad("a 1 MB body", with("clientOrderId", "\"" + "a".repeat(1 << 20) + "\""), 413, "PAYLOAD_TOO_LARGE"),
                bad("unknown market", with("market", "\"NOPE-USD-PERP\""), 404, "UNKNOWN_MARKET"));
    }

    private static Arguments bad(String name, String body, int status, String code) {
        return Arguments.of(name, body, status, code);
    }

    @ParameterizedTest(name = "{0} -> {2} {3}")
    @MethodSource({"badSizes", "badPrices", "badShapes"})
    void aBadOrderIsRefusedWithItsCodeAndChangesNothing(String name, String body, int status, String code) {
        BigDecimal balance = balance(trader);

        ApiClient.Response response =
                api.post("/api/v1/orders", trader.apiKey(), body.replace("\"M\"", "\"" + market + "\""));

        response.assertProblem(status, code);
        assertThat(liveOrderIds(trader)).containsExactly(resting);
        assertThat(balance(trader)).isEqualByComparingTo(balance);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mediaTypes")
    void aBodyThatIsNotJsonIsRefused(String contentType, int status, String code) {
        ApiClient.Response response =
                api.send("/api/v1/orders", trader.apiKey(), "POST", contentType, with("market", "\"" + market + "\""));

        response.assertProblem(status, code);
        assertThat(liveOrderIds(trader)).containsExactly(resting);
    }

    static Stream<Arguments> mediaTypes() {
        return Stream.of(
                Arguments.of("text/plain", 415, "UNSUPPORTED_MEDIA_TYPE"),
                Arguments.of("application/x-www-form-urlencoded", 415, "UNSUPPORTED_MEDIA_TYPE"),
                Arguments.of(null, 415, "UNSUPPORTED_MEDIA_TYPE"));
    }

    @ParameterizedTest(name = "chunked {0} bytes")
    @MethodSource("chunkedSizes")
    void aLargeChunkedBodyIsRefusedWithoutAContentLength(int bytes) {
        String body = with("clientOrderId", "\"" + "a".repeat(bytes) + "\"");

        ApiClient.Response response =
                api.postChunked("/api/v1/orders", trader.apiKey(), body.getBytes(StandardCharsets.UTF_8));

        response.assertProblem(413, "PAYLOAD_TOO_LARGE");
        assertThat(liveOrderIds(trader)).containsExactly(resting);
    }

    static List<Integer> chunkedSizes() {
        return List.of(70_000, 1 << 20);
    }
}
