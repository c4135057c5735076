package io.bulwark.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.command.Rejection;
import java.util.EnumSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Engine refusals become the status and code SPEC section 10 fixes: one row per engine code. */
class ApiExceptionTests {

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(Rejection.Code.VALIDATION_FAILED, 400, "VALIDATION_FAILED"),
                Arguments.of(Rejection.Code.UNKNOWN_MARKET, 404, "UNKNOWN_MARKET"),
                Arguments.of(Rejection.Code.UNKNOWN_ACCOUNT, 404, "ACCOUNT_NOT_FOUND"),
                Arguments.of(Rejection.Code.UNKNOWN_KEY, 404, "KEY_NOT_FOUND"),
                Arguments.of(Rejection.Code.MARKET_EXISTS, 409, "MARKET_EXISTS"),
                Arguments.of(Rejection.Code.DUPLICATE_DEPOSIT_REFERENCE, 409, "DUPLICATE_DEPOSIT_REFERENCE"),
                Arguments.of(Rejection.Code.DUPLICATE_REFERENCE, 409, "DUPLICATE_REFERENCE"),
                Arguments.of(Rejection.Code.TOO_MANY_WITHDRAWALS, 409, "TOO_MANY_WITHDRAWALS"),
                Arguments.of(Rejection.Code.INSUFFICIENT_MARGIN, 422, "INSUFFICIENT_MARGIN"),
                Arguments.of(Rejection.Code.WITHDRAWALS_PAUSED, 409, "WITHDRAWALS_PAUSED"),
                Arguments.of(Rejection.Code.INVALID_TRANSITION, 409, "INVALID_TRANSITION"),
                Arguments.of(Rejection.Code.INVALID_PRICE, 400, "INVALID_PRICE"),
                Arguments.of(Rejection.Code.INVALID_SIZE, 400, "INVALID_SIZE"),
                Arguments.of(Rejection.Code.ORDER_NOT_FOUND, 404, "ORDER_NOT_FOUND"),
                Arguments.of(Rejection.Code.DUPLICATE_CLIENT_ORDER_ID, 409, "DUPLICATE_CLIENT_ORDER_ID"),
                Arguments.of(Rejection.Code.MARKET_CLOSED, 409, "MARKET_CLOSED"),
                Arguments.of(Rejection.Code.PRICE_UNAVAILABLE, 409, "PRICE_UNAVAILABLE"),
                Arguments.of(Rejection.Code.PRICE_OUTSIDE_BAND, 422, "PRICE_OUTSIDE_BAND"),
                Arguments.of(Rejection.Code.POST_ONLY_REQUIRED, 422, "POST_ONLY_REQUIRED"),
                Arguments.of(Rejection.Code.POST_ONLY_WOULD_CROSS, 422, "POST_ONLY_WOULD_CROSS"),
                Arguments.of(Rejection.Code.REDUCE_ONLY_WOULD_INCREASE, 422, "REDUCE_ONLY_WOULD_INCREASE"),
                Arguments.of(Rejection.Code.VAULT_INSUFFICIENT, 409, "VAULT_INSUFFICIENT"),
                Arguments.of(Rejection.Code.UNKNOWN_WINDOW, 404, "WINDOW_NOT_FOUND"),
                Arguments.of(Rejection.Code.NO_FRESH_SOURCE, 409, "NO_FRESH_SOURCE"),
                Arguments.of(Rejection.Code.TOO_MANY_KEYS, 409, "TOO_MANY_KEYS"),
                Arguments.of(Rejection.Code.TOO_MANY_OPEN_ORDERS, 409, "TOO_MANY_OPEN_ORDERS"));
    }

    @ParameterizedTest
    @MethodSource("table")
    void mapsEachRejection(Rejection.Code code, int status, String apiCode) {
        ApiException ex = ApiException.of(Rejection.of(code, "because"));
        assertThat(ex.status().value()).isEqualTo(status);
        assertThat(ex.code()).isEqualTo(apiCode);
        assertThat(ex.getMessage()).isEqualTo("because");
    }

    @Test
    void theTableCoversEveryRejectionCode() {
        EnumSet<Rejection.Code> covered = EnumSet.noneOf(Rejection.Code.class);
        table().forEach(a -> covered.add((Rejection.Code) a.get()[0]));
        assertThat(covered).containsExactlyInAnyOrder(Rejection.Code.values());
    }

    @Test
    void carriesNoStackTrace() {
        assertThat(ApiException.badRequest("x").getStackTrace()).isEmpty();
    }

    @Test
    void defaultCodesNameTheStatus() {
        assertThat(Problems.defaultCode(org.springframework.http.HttpStatus.NOT_FOUND))
                .isEqualTo("NOT_FOUND");
        assertThat(Problems.defaultCode(org.springframework.http.HttpStatus.METHOD_NOT_ALLOWED))
                .isEqualTo("METHOD_NOT_ALLOWED");
        assertThat(Problems.defaultCode(org.springframework.http.HttpStatus.UNSUPPORTED_MEDIA_TYPE))
                .isEqualTo("UNSUPPORTED_MEDIA_TYPE");
        assertThat(Problems.defaultCode(org.springframework.http.HttpStatus.CONTENT_TOO_LARGE))
                .isEqualTo("PAYLOAD_TOO_LARGE");
        assertThat(Problems.defaultCode(org.springframework.http.HttpStatus.INTERNAL_SERVER_ERROR))
                .isEqualTo("INTERNAL_ERROR");
    }
}
