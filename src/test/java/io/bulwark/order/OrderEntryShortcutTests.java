package io.bulwark.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.order.OrderType;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.order.TimeInForce;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The order-entry shortcut answers an order itself only when {@code @Valid} would have let it through: its
 * written-out checks must never pass what the declared constraints refuse (else a bad order would skip the
 * 400 {@code VALIDATION_FAILED}). Refusing more is harmless: such orders take Spring MVC's path.
 */
class OrderEntryShortcutTests {
    private static final ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    private static final List<String> MARKETS = List.of(
            "BTC-USD-PERP",
            "",
            " ",
            "\t",
            "\u0001",
            " x",
            "\u2003",
            "\u00a0",
            "x".repeat(64),
            "x".repeat(65),
            "\ud83d\ude00".repeat(32),
            "\ud83d\ude00".repeat(33));
    private static final List<String> CLIENT_ORDER_IDS = List.of(
            "a", "", "A-z_09", "a b", "a.b", "é", "x".repeat(64), "x".repeat(65), "abc\n", "\u0661", "ab\u200bc");

    @Test
    void whatPassesTheWrittenOutChecksPassesTheDeclaredConstraints() {
        List<OrderRequest> requests = new ArrayList<>();
        List<String> markets = new ArrayList<>(MARKETS);
        markets.add(null);
        List<String> ids = new ArrayList<>(CLIENT_ORDER_IDS);
        ids.add(null);
        for (String market : markets) {
            for (String id : ids) {
                for (int nulls = 0; nulls < 8; nulls++) {
                    requests.add(new OrderRequest(
                            market,
                            (nulls & 1) == 0 ? Side.BUY : null,
                            (nulls & 2) == 0 ? OrderType.LIMIT : null,
                            TimeInForce.GTC,
                            new BigDecimal("65000"),
                            null,
                            (nulls & 4) == 0 ? new BigDecimal("0.001") : null,
                            null,
                            id));
                }
            }
        }
        int passed = 0;
        int refusedByBoth = 0;
        for (OrderRequest request : requests) {
            boolean valid = VALIDATOR.validate(request).isEmpty();
            boolean plain = OrderEntryShortcut.plainlyValid(request);
            if (plain) {
                assertThat(valid)
                        .as("passes the shortcut but not @Valid: %s", request)
                        .isTrue();
                passed++;
            } else if (!valid) {
                refusedByBoth++;
            }
        }
        // Stricter is allowed (a market of only control characters goes to Spring MVC), but not by much.
        // five markets (BTC-USD-PERP, " x", "\u00a0", 64 letters, 32 emoji) by four ids (a, A-z_09, 64 letters, none)
        assertThat(passed).isEqualTo(5 * 4);
        assertThat(refusedByBoth).isGreaterThan(requests.size() / 2);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "application/json|true",
                "Application/JSON|true",
                "application/json;charset=UTF-8|true",
                "application/json; charset=utf-8|true",
                "application/json;charset=ISO-8859-1|false",
                "application/json;foo=bar|false",
                "application/problem+json|false",
                "text/plain|false",
                "application/x-www-form-urlencoded|false",
                "not a type|false"
            })
    void onlyPlainUtf8JsonBodiesTakeTheShortcut(String contentType, boolean json) {
        assertThat(OrderEntryShortcut.isJson(contentType)).isEqualTo(json);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "*/*|true",
                "application/json|true",
                "application/xml|false",
                "application/json, text/plain|false",
                "text/html|false"
            })
    void onlyAnswersSpringMvcWouldGiveAsJsonTakeTheShortcut(String accept, boolean json) {
        assertThat(OrderEntryShortcut.acceptsJson(accept)).isEqualTo(json);
        assertThat(OrderEntryShortcut.acceptsJson(null)).isTrue();
        assertThat(OrderEntryShortcut.isJson(null)).isFalse();
    }
}
