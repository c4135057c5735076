package io.bulwark.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.engine.command.PlaceOrder;
import io.bulwark.engine.order.OrderType;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.order.TimeInForce;
import io.bulwark.web.ApiException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrderValuesTests {

    private static BigDecimal decimal(String text) {
        return text == null || text.isEmpty() ? null : new BigDecimal(text);
    }

    private static OrderRequest request(OrderType type, TimeInForce tif, String price, String trigger, String size) {
        return new OrderRequest(
                "BTC-USD-PERP", Side.BUY, type, tif, decimal(price), decimal(trigger), decimal(size), null, null);
    }

    @ParameterizedTest(name = "{0} tif={1} price={2} trigger={3} size={4} -> {5}")
    @CsvSource({
        "LIMIT, , 65000, , 0, INVALID_SIZE",
        "LIMIT, , 65000, , -1, INVALID_SIZE",
        "LIMIT, , 65000, , 1000000000000000.1, INVALID_SIZE",
        "LIMIT, , 65000, , 0.0000000000001, INVALID_SIZE",
        "LIMIT, , , , 1, INVALID_PRICE",
        "LIMIT, , 0, , 1, INVALID_PRICE",
        "LIMIT, , -0.1, , 1, INVALID_PRICE",
        "LIMIT, , 1000000000000001, , 1, INVALID_PRICE",
        "LIMIT, , 0.0000000000001, , 1, INVALID_PRICE",
        "LIMIT, , 65000, 64000, 1, INVALID_PRICE",
        "MARKET, , 65000, , 1, INVALID_PRICE",
        "MARKET, POST_ONLY, , , 1, VALIDATION_FAILED",
        "STOP_MARKET, , , , 1, INVALID_PRICE",
        "STOP_MARKET, , 65000, 64000, 1, INVALID_PRICE",
        "STOP_LIMIT, , 65000, , 1, INVALID_PRICE",
        "STOP_LIMIT, , 65000, 0, 1, INVALID_PRICE",
        "TAKE_PROFIT_LIMIT, POST_ONLY, 65000, 66000, 1, VALIDATION_FAILED",
        // size first, as the engine checks it: a bad size and a bad price answer INVALID_SIZE
        "LIMIT, , 0, , 0, INVALID_SIZE"
    })
    void badValuesAreRefusedWithTheEnginesCodes(
            OrderType type, TimeInForce tif, String price, String trigger, String size, String code) {
        assertThatThrownBy(() -> OrderValues.place("7", request(type, tif, price, trigger, size)))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(code));
    }

    @Test
    void aValidRequestBecomesACommandWithDefaultsAndCanonicalDecimals() {
        PlaceOrder limit = OrderValues.place("7", request(OrderType.LIMIT, null, "65000.500", null, "1.000"));
        assertThat(limit.timeInForce()).isEqualTo(TimeInForce.GTC);
        assertThat(limit.price().toPlainString()).isEqualTo("65000.5");
        assertThat(limit.size().toPlainString()).isEqualTo("1");
        assertThat(limit.reduceOnly()).isFalse();
        assertThat(limit.clientOrderId()).isEmpty();
        assertThat(limit.accountId()).isEqualTo("7");

        PlaceOrder market = OrderValues.place("7", request(OrderType.MARKET, null, null, null, "100"));
        assertThat(market.timeInForce()).isEqualTo(TimeInForce.IOC);
        assertThat(market.price()).isNull();
        assertThat(market.size().toPlainString()).isEqualTo("100");

        PlaceOrder stop = OrderValues.place("7", request(OrderType.STOP_MARKET, TimeInForce.IOC, null, "64000", "1"));
        assertThat(stop.timeInForce()).isEqualTo(TimeInForce.IOC);
        assertThat(stop.triggerPrice()).isEqualByComparingTo("64000");
    }

    @ParameterizedTest(name = "price={0} size={1} -> {2}")
    @CsvSource({", , VALIDATION_FAILED", "0, , INVALID_PRICE", ", 0, INVALID_SIZE", "1.0000000000001, , INVALID_PRICE"})
    void anAmendChangesSomethingValid(String price, String size, String code) {
        assertThatThrownBy(() -> OrderValues.amend("7", "42", new AmendRequest(decimal(price), decimal(size))))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.code()).isEqualTo(code));
    }
}
