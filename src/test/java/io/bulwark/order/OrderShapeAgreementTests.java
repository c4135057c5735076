package io.bulwark.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.bulwark.engine.TradingFloor;
import io.bulwark.engine.command.PlaceOrder;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.order.OrderType;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.order.TimeInForce;
import io.bulwark.web.ApiException;
import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The order-shape rules (engine/order/OrderShape) answer the same in both places that check them: a
 * request the REST layer refuses is refused by the engine with the same code and message, so a command
 * that reaches the journal some other way (a replay, a bench fill) meets the same rule.
 */
class OrderShapeAgreementTests {

    private static BigDecimal decimal(String text) {
        return text == null || text.isEmpty() ? null : new BigDecimal(text);
    }

    @ParameterizedTest(name = "{0} {1} price={2} trigger={3} -> {4}: {5}")
    @CsvSource(
            delimiter = ';',
            value = {
                "LIMIT; GTC; ; ; INVALID_PRICE; LIMIT orders need a price",
                "MARKET; IOC; 65000; ; INVALID_PRICE; MARKET orders take no price",
                "LIMIT; GTC; 65000; 64000; INVALID_PRICE; LIMIT orders take no triggerPrice",
                "STOP_MARKET; IOC; ; ; INVALID_PRICE; STOP_MARKET orders need a triggerPrice",
                "STOP_MARKET; IOC; 65000; 64000; INVALID_PRICE; STOP_MARKET orders take no price",
                "STOP_LIMIT; GTC; 65000; ; INVALID_PRICE; STOP_LIMIT orders need a triggerPrice",
                "TAKE_PROFIT_LIMIT; GTC; ; 66000; INVALID_PRICE; TAKE_PROFIT_LIMIT orders need a price",
                "MARKET; POST_ONLY; ; ; VALIDATION_FAILED; POST_ONLY applies to LIMIT orders only",
                "STOP_LIMIT; POST_ONLY; 65000; 64000; VALIDATION_FAILED; POST_ONLY applies to LIMIT orders only"
            })
    void theRestLayerAndTheEngineRefuseABadShapeAlike(
            OrderType type, TimeInForce tif, String price, String trigger, String code, String message) {
        TradingFloor floor = new TradingFloor();
        String account = floor.trader("alice", "100000").accountId;
        OrderRequest request = new OrderRequest(
                TradingFloor.BTC, Side.BUY, type, tif, decimal(price), decimal(trigger), BigDecimal.ONE, null, null);

        assertThatThrownBy(() -> OrderValues.place(account, request)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage())
                    .isEqualTo(code.equals("VALIDATION_FAILED") ? "timeInForce: " + message : message);
        });

        Outcome outcome = floor.apply(new PlaceOrder(
                account,
                TradingFloor.BTC,
                Side.BUY,
                type,
                tif,
                decimal(price),
                decimal(trigger),
                BigDecimal.ONE,
                false,
                ""));
        assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class, r -> {
            assertThat(r.rejection().code().name()).isEqualTo(code);
            assertThat(r.rejection().message()).isEqualTo(message);
        });
    }
}
