package io.bulwark.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.order.CancelReason;
import io.bulwark.engine.order.OrderStatus;
import io.bulwark.engine.order.OrderType;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.order.TimeInForce;
import io.bulwark.trade.FillResponse;
import io.bulwark.trade.Liquidity;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.ObjectWriter;

/**
 * The order-entry shortcut's direct writer gives the bytes the application's JSON mapper gives for the same
 * {@link OrderResponse}, or declines (then Jackson writes it).
 */
class OrderResponseWriterTests {
    private static final ObjectWriter JACKSON =
            OrderBodyReaderTests.applicationMapper().writerFor(OrderResponse.class);

    @Test
    void writesAFilledOrderAsJacksonDoes() {
        Instant at = Instant.ofEpochMilli(1_764_950_400_120L);
        FillResponse taker = new FillResponse(
                "7-T",
                "7",
                "12",
                "BTC-USD-PERP",
                Side.BUY,
                new BigDecimal("65000.00"),
                new BigDecimal("0.0010"),
                new BigDecimal("-0.0325"),
                Liquidity.TAKER,
                42,
                at);
        OrderResponse order = new OrderResponse(
                "12",
                null,
                "acc-1",
                "BTC-USD-PERP",
                Side.BUY,
                OrderType.LIMIT,
                TimeInForce.GTC,
                new BigDecimal("65000"),
                null,
                new BigDecimal("0.001"),
                new BigDecimal("0.001"),
                new BigDecimal("65000.0"),
                false,
                OrderStatus.FILLED,
                null,
                at,
                at,
                List.of(taker));
        byte[] written = OrderResponseWriter.write(order);
        assertThat(written).isNotNull();
        assertThat(new String(written, StandardCharsets.UTF_8))
                .isEqualTo(new String(JACKSON.writeValueAsBytes(order), StandardCharsets.UTF_8));
    }

    @Test
    void declinesTextThatNeedsAnEscape() {
        for (String market : List.of("a\"b", "a\\b", "caf\u00e9", "a\nb", "\u007f")) {
            OrderResponse order = new OrderResponse(
                    "1",
                    null,
                    "acc",
                    market,
                    Side.SELL,
                    OrderType.MARKET,
                    TimeInForce.IOC,
                    null,
                    null,
                    BigDecimal.ONE,
                    BigDecimal.ZERO,
                    null,
                    true,
                    OrderStatus.OPEN,
                    null,
                    Instant.EPOCH,
                    Instant.EPOCH,
                    List.of());
            assertThat(OrderResponseWriter.write(order)).as(market).isNull();
        }
    }

    @Property(tries = 3000, edgeCases = EdgeCasesMode.NONE)
    void writesWhatJacksonWritesOrDeclines(@ForAll("orders") OrderResponse order) {
        byte[] written = OrderResponseWriter.write(order);
        if (written != null) {
            assertThat(new String(written, StandardCharsets.UTF_8))
                    .isEqualTo(new String(JACKSON.writeValueAsBytes(order), StandardCharsets.UTF_8));
        }
    }

    private static Arbitrary<String> text() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(
                        6, Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(20)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().all().ofMaxLength(5)),
                net.jqwik.api.Tuple.of(1, Arbitraries.<String>just(null)));
    }

    private static Arbitrary<BigDecimal> decimal() {
        Arbitrary<BigDecimal> any = Combinators.combine(
                        Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30)),
                        Arbitraries.integers().between(-6, 24))
                .as(BigDecimal::new);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(8, any), net.jqwik.api.Tuple.of(1, Arbitraries.<BigDecimal>just(null)));
    }

    private static Arbitrary<Instant> instant() {
        return Combinators.combine(
                        Arbitraries.longs().between(0, 4_102_444_800L),
                        Arbitraries.of(0, 1_000_000, 120_000_000, 123_456_789, 1000))
                .as(Instant::ofEpochSecond);
    }

    private static <E extends Enum<E>> Arbitrary<E> constant(Class<E> type, boolean nullable) {
        Arbitrary<E> any = Arbitraries.of(type);
        return nullable ? any.injectNull(0.2) : any;
    }

    @Provide
    Arbitrary<OrderResponse> orders() {
        Arbitrary<FillResponse> fill = Builders.withBuilder(() -> new Object[11])
                .use(text())
                .in((a, v) -> set(a, 0, v))
                .use(text())
                .in((a, v) -> set(a, 1, v))
                .use(text())
                .in((a, v) -> set(a, 2, v))
                .use(text())
                .in((a, v) -> set(a, 3, v))
                .use(constant(Side.class, false))
                .in((a, v) -> set(a, 4, v))
                .use(decimal())
                .in((a, v) -> set(a, 5, v))
                .use(decimal())
                .in((a, v) -> set(a, 6, v))
                .use(decimal())
                .in((a, v) -> set(a, 7, v))
                .use(constant(Liquidity.class, false))
                .in((a, v) -> set(a, 8, v))
                .use(Arbitraries.longs())
                .in((a, v) -> set(a, 9, v))
                .use(instant())
                .in((a, v) -> set(a, 10, v))
                .build(a -> new FillResponse(
                        (String) a[0],
                        (String) a[1],
                        (String) a[2],
                        (String) a[3],
                        (Side) a[4],
                        (BigDecimal) a[5],
                        (BigDecimal) a[6],
                        (BigDecimal) a[7],
                        (Liquidity) a[8],
                        (Long) a[9],
                        (Instant) a[10]));
        return Builders.withBuilder(() -> new Object[18])
                .use(text())
                .in((a, v) -> set(a, 0, v))
                .use(text())
                .in((a, v) -> set(a, 1, v))
                .use(text())
                .in((a, v) -> set(a, 2, v))
                .use(text())
                .in((a, v) -> set(a, 3, v))
                .use(constant(Side.class, true))
                .in((a, v) -> set(a, 4, v))
                .use(constant(OrderType.class, true))
                .in((a, v) -> set(a, 5, v))
                .use(constant(TimeInForce.class, true))
                .in((a, v) -> set(a, 6, v))
                .use(decimal())
                .in((a, v) -> set(a, 7, v))
                .use(decimal())
                .in((a, v) -> set(a, 8, v))
                .use(decimal())
                .in((a, v) -> set(a, 9, v))
                .use(decimal())
                .in((a, v) -> set(a, 10, v))
                .use(decimal())
                .in((a, v) -> set(a, 11, v))
                .use(Arbitraries.of(true, false))
                .in((a, v) -> set(a, 12, v))
                .use(constant(OrderStatus.class, true))
                .in((a, v) -> set(a, 13, v))
                .use(constant(CancelReason.class, true))
                .in((a, v) -> set(a, 14, v))
                .use(instant().injectNull(0.1))
                .in((a, v) -> set(a, 15, v))
                .use(instant().injectNull(0.1))
                .in((a, v) -> set(a, 16, v))
                .use(fill.list().ofMaxSize(3))
                .in((a, v) -> set(a, 17, v))
                .build(OrderResponseWriterTests::order);
    }

    @SuppressWarnings("unchecked")
    private static OrderResponse order(Object[] a) {
        return new OrderResponse(
                (String) a[0],
                (String) a[1],
                (String) a[2],
                (String) a[3],
                (Side) a[4],
                (OrderType) a[5],
                (TimeInForce) a[6],
                (BigDecimal) a[7],
                (BigDecimal) a[8],
                (BigDecimal) a[9],
                (BigDecimal) a[10],
                (BigDecimal) a[11],
                (Boolean) a[12],
                (OrderStatus) a[13],
                (CancelReason) a[14],
                (Instant) a[15],
                (Instant) a[16],
                (List<FillResponse>) a[17]);
    }

    private static Object[] set(Object[] fields, int i, Object value) {
        fields[i] = value;
        return fields;
    }
}
