package io.bulwark.engine.desk.trading;

import static io.bulwark.engine.TradingFloor.BTC;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.Engine;
import io.bulwark.engine.TradingFloor;
import io.bulwark.engine.command.AmendOrder;
import io.bulwark.engine.command.CancelOrders;
import io.bulwark.engine.command.ChangeTradingState;
import io.bulwark.engine.command.Rejection.Code;
import io.bulwark.engine.command.TakeSnapshot;
import io.bulwark.engine.event.OrderBookChanged;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.event.PositionChanged;
import io.bulwark.engine.event.Traded;
import io.bulwark.engine.ledger.Ledger;
import io.bulwark.engine.order.CancelReason;
import io.bulwark.engine.order.OrderState;
import io.bulwark.engine.order.OrderStatus;
import io.bulwark.engine.order.OrderType;
import io.bulwark.engine.state.TradingState;
import java.math.BigDecimal;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OrderMatchingTests {
    private final TradingFloor floor = new TradingFloor();
    private final TradingFloor.Trader alice = floor.trader("alice", "100000");
    private final TradingFloor.Trader bob = floor.trader("bob", "100000");
    private final TradingFloor.Trader carol = floor.trader("carol", "100000");

    {
        floor.prices("65000");
    }

    private static void assertStatus(OrderState order, OrderStatus status, String filled) {
        assertThat(order.status()).isEqualTo(status);
        assertThat(order.filledSize()).isEqualByComparingTo(filled);
    }

    @Test
    void aLimitOrderThatDoesNotCrossRestsOnTheBook() {
        OrderState bid = alice.buys("1").at("65000").placed();

        assertStatus(bid, OrderStatus.OPEN, "0");
        var book = floor.view().orderBook(BTC, 10).orElseThrow();
        assertThat(book.bids()).singleElement().satisfies(l -> {
            assertThat(l.price()).isEqualByComparingTo("65000");
            assertThat(l.size()).isEqualByComparingTo("1");
        });
        assertThat(floor.events())
                .filteredOn(OrderBookChanged.class::isInstance)
                .hasSize(1);
    }

    @Test
    void aCrossingOrderTradesAtTheMakersPriceInPriceThenTimePriority() {
        OrderState first = alice.sells("1").at("65010").placed();
        OrderState second = bob.sells("1").at("65010").placed();
        OrderState better = bob.sells("0.5").at("65005").placed();

        OrderState taker = carol.buys("2").at("65020").placed();

        assertStatus(taker, OrderStatus.FILLED, "2");
        assertThat(floor.trades())
                .extracting(Traded::makerOrderId)
                .containsExactly(better.orderId(), first.orderId(), second.orderId());
        assertThat(floor.trades())
                .extracting(t -> t.price().toPlainString())
                .containsExactly("65005.0", "65010.0", "65010.0");
        assertThat(taker.averageFillPrice()).isEqualByComparingTo("65008.75");
        assertThat(bob.liveOrders())
                .singleElement()
                .satisfies(o -> assertStatus(o, OrderStatus.PARTIALLY_FILLED, "0.5"));
    }

    @Test
    void aPartiallyFilledGtcOrderRestsItsRemainder() {
        alice.sells("0.4").at("65000").placed();
        OrderState taker = bob.buys("1").at("65000").placed();

        assertStatus(taker, OrderStatus.PARTIALLY_FILLED, "0.4");
        assertThat(floor.view()
                        .orderBook(BTC, 1)
                        .orElseThrow()
                        .bids()
                        .getFirst()
                        .size())
                .isEqualByComparingTo("0.6");
    }

    static Stream<Arguments> remainders() {
        return Stream.of(
                Arguments.of(
                        "IOC remainder is cancelled",
                        "ioc",
                        "0.4",
                        OrderStatus.CANCELLED,
                        CancelReason.IOC_REMAINDER,
                        "0.4"),
                Arguments.of(
                        "FOK that cannot fill fully never trades",
                        "fok",
                        "0.4",
                        OrderStatus.CANCELLED,
                        CancelReason.FOK_NOT_FILLABLE,
                        "0"),
                Arguments.of("FOK that can fill fully fills", "fok", "1", OrderStatus.FILLED, null, "1"),
                Arguments.of("IOC that fills fully is filled", "ioc", "1.5", OrderStatus.FILLED, null, "1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("remainders")
    void immediateOrdersNeverRest(
            String rule, String tif, String available, OrderStatus status, CancelReason reason, String filled) {
        alice.sells(available).at("65000").placed();
        var ticket = bob.buys("1").at("65000");
        OrderState taker = (tif.equals("ioc") ? ticket.ioc() : ticket.fok()).placed();

        assertStatus(taker, status, filled);
        assertThat(taker.cancelReason()).isEqualTo(reason);
        assertThat(bob.liveOrders()).isEmpty();
    }

    @Test
    void selfTradePreventionCancelsTheTakersRemainderAndKeepsTheRestingOrder() {
        alice.sells("0.5").at("65000").placed();
        OrderState own = bob.sells("1").at("65001").placed();
        OrderState taker = bob.buys("2").at("65005").placed();

        assertStatus(taker, OrderStatus.CANCELLED, "0.5");
        assertThat(taker.cancelReason()).isEqualTo(CancelReason.SELF_TRADE);
        assertThat(bob.liveOrders()).extracting(OrderState::orderId).containsExactly(own.orderId());
    }

    @Test
    void aPostOnlyOrderThatWouldCrossIsRejectedAndChangesNothing() {
        alice.sells("1").at("65000").placed();
        String hash = floor.engine.stateHash();

        assertThat(bob.buys("1").at("65000").postOnly().rejected()).isEqualTo(Code.POST_ONLY_WOULD_CROSS);
        assertThat(floor.engine.stateHash()).isEqualTo(hash);
        assertStatus(bob.buys("1").at("64999.9").postOnly().placed(), OrderStatus.OPEN, "0");
    }

    @Test
    void ordersThatTradeNeedAPrice() {
        TradingFloor unpriced = new TradingFloor();
        var dan = unpriced.trader("dan", "100000");
        var erin = unpriced.trader("erin", "100000");
        assertThat(dan.buys("1").atMarket().rejected()).isEqualTo(Code.PRICE_UNAVAILABLE);
        erin.sells("1").at("65000").placed(); // resting needs no price
        assertThat(dan.buys("1").at("65000").rejected()).isEqualTo(Code.PRICE_UNAVAILABLE);
        unpriced.prices("65000");
        assertThat(dan.buys("1").at("65000").placed().status()).isEqualTo(OrderStatus.FILLED);
    }

    @Test
    void marketOrdersStayInsideTheBandAroundTheMark() {
        alice.sells("1").at("68000").placed(); // inside the 5 % band around 65000
        alice.sells("1").at("69000").placed(); // outside it

        OrderState market = bob.buys("3").atMarket().placed();
        assertStatus(market, OrderStatus.CANCELLED, "1");
        assertThat(market.cancelReason()).isEqualTo(CancelReason.IOC_REMAINDER);
        assertThat(floor.trades())
                .singleElement()
                .satisfies(t -> assertThat(t.price()).isEqualByComparingTo("68000"));

        OrderState nothing = bob.sells("1").atMarket().placed();
        assertThat(nothing.cancelReason()).isEqualTo(CancelReason.NO_LIQUIDITY);
    }

    @Test
    void aTakingLimitOrderMustBePricedInsideTheBand() {
        alice.sells("1").at("65000").placed();

        assertThat(bob.buys("1").at("68250.1").rejected()).isEqualTo(Code.PRICE_OUTSIDE_BAND);
        assertStatus(bob.buys("1").at("68250").placed(), OrderStatus.FILLED, "1");
        assertStatus(bob.buys("1").at("50000").placed(), OrderStatus.OPEN, "0"); // rests: not taking
    }

    @Test
    void reduceOnlyOrdersNeverIncreaseOrFlipAPosition() {
        assertThat(bob.sells("1").at("65000").reduceOnly().rejected()).isEqualTo(Code.REDUCE_ONLY_WOULD_INCREASE);
        alice.sells("1").at("65000").placed();
        bob.buys("1").at("65000").placed();

        assertThat(bob.buys("0.1").at("64000").reduceOnly().rejected()).isEqualTo(Code.REDUCE_ONLY_WOULD_INCREASE);
        assertThat(bob.sells("1.1").at("66000").reduceOnly().rejected()).isEqualTo(Code.REDUCE_ONLY_WOULD_INCREASE);
        carol.buys("1").at("65000").placed();
        assertStatus(bob.sells("1").at("65000").reduceOnly().placed(), OrderStatus.FILLED, "1");
        assertThat(bob.position()).isZero();
    }

    @Test
    void tradesChargeFeesRoundedAgainstTheTraderAndRealizePnlThroughSettlement() {
        alice.sells("0.333").at("65000.1").placed();
        bob.buys("0.333").at("65000.1").placed();
        // notional 21645.0333: taker 0.0005 -> 10.82251665 -> 10.822517 (up); maker 0.0002 -> 4.32900666 -> 4.329007
        assertThat(floor.trades()).singleElement().satisfies(t -> {
            assertThat(t.takerFee()).isEqualByComparingTo("10.822517");
            assertThat(t.makerFee()).isEqualByComparingTo("4.329007");
        });
        carol.buys("0.333").at("66000").placed();
        bob.sells("0.333").at("66000").ioc().placed(); // bob closes: (66000 - 65000.1) × 0.333 = 332.9667
        assertThat(floor.events())
                .filteredOn(PositionChanged.class::isInstance)
                .anySatisfy(e -> assertThat(((PositionChanged) e).realizedPnl()).isEqualByComparingTo("332.9667"));

        assertThat(floor.view().ledgerBalances().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add))
                .isZero();
        // 15.151524 from the first trade; 21978 × (0.0005 + 0.0002) = 15.3846 from the second
        assertThat(floor.view().balance(Ledger.FEES)).isEqualByComparingTo("30.536124");
        assertThat(bob.balance()).isEqualByComparingTo("100311.155183"); // 100000 + 332.9667 - 10.822517 - 10.989
        assertThat(floor.view().balance(Ledger.SETTLEMENT)).isEqualByComparingTo("-332.9667");
    }

    @Test
    void aMakerRebateRoundsDownAndIsPaidFromFees() {
        floor.apply(new io.bulwark.engine.command.UpdateMarket(
                BTC,
                new io.bulwark.engine.market.MarketPatch(
                        null,
                        null,
                        null,
                        null,
                        null,
                        new BigDecimal("-0.0001"),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null)));
        alice.sells("0.001").at("65000.3").placed();
        bob.buys("0.001").at("65000.3").placed();
        // notional 65.0003: rebate 0.00650003 -> 0.006500; taker 0.03250015 -> 0.032501
        assertThat(floor.trades()).singleElement().satisfies(t -> {
            assertThat(t.makerFee()).isEqualByComparingTo("-0.0065");
            assertThat(t.takerFee()).isEqualByComparingTo("0.032501");
        });
        assertThat(floor.view().balance(Ledger.FEES)).isEqualByComparingTo("0.026001");
    }

    @Test
    void ordersNeedInitialMarginButClosingDoesNot() {
        // 1 BTC at 65000 with IMF 0.02 needs 1300, and its fill may cost the taker fee:
        // 32.5 at 0.0005, plus one ledger unit per step that could fill on its own (0.001)
        var dave = floor.trader("dave", "1332.501");
        assertThat(dave.buys("1.001").at("65000").rejected()).isEqualTo(Code.INSUFFICIENT_MARGIN);
        dave.buys("1").at("65000").placed();
        assertThat(dave.buys("0.001").at("65000").rejected()).isEqualTo(Code.INSUFFICIENT_MARGIN);
        dave.cancels(dave.liveOrders().getFirst().orderId());
        alice.sells("1").at("65000").placed();
        dave.buys("1").at("65000").placed();
        // the fee left dave 0.001 of free collateral, too little for any new exposure: closing goes through
        assertThat(dave.buys("0.001").at("65000").rejected()).isEqualTo(Code.INSUFFICIENT_MARGIN);
        alice.buys("1").at("65000").placed();
        assertStatus(dave.sells("1").at("65000").placed(), OrderStatus.FILLED, "1");
    }

    @Test
    void stopAndTakeProfitOrdersWaitUntriggeredThenFireOnTheMark() {
        OrderState stop =
                bob.buys("1").triggered(OrderType.STOP_MARKET, "65500").placed();
        OrderState takeProfit = bob.sells("1")
                .triggered(OrderType.TAKE_PROFIT_LIMIT, "66000")
                .at("65900")
                .placed();
        assertThat(stop.status()).isEqualTo(OrderStatus.UNTRIGGERED);
        assertThat(takeProfit.status()).isEqualTo(OrderStatus.UNTRIGGERED);

        alice.sells("2").at("65600").placed();
        floor.prices("65600"); // mark 65600: the stop buy fires and takes 1 at 65600
        assertThat(bob.position()).isEqualByComparingTo("1");
        assertThat(bob.liveOrders()).extracting(OrderState::status).containsExactly(OrderStatus.UNTRIGGERED);
    }

    @Test
    void triggersWaitWhileTheMarketIsNotOpen() {
        bob.sells("0.5").triggered(OrderType.STOP_LIMIT, "65000").at("64000").placed();
        assertThat(bob.liveOrders()).extracting(OrderState::status).containsExactly(OrderStatus.OPEN);

        bob.sells("0.5").triggered(OrderType.STOP_LIMIT, "64500").at("64000").placed();
        floor.apply(new ChangeTradingState("", TradingState.POST_ONLY, "test", "t", false));
        floor.apply(new io.bulwark.engine.command.Tick());
        assertThat(bob.liveOrders()).extracting(OrderState::status).contains(OrderStatus.UNTRIGGERED);
    }

    @Test
    void aClientOrderIdMakesRetriesSafe() {
        OrderState placed = bob.buys("1").at("64000").clientOrderId("retry-1").placed();

        Outcome repeat = bob.buys("1").at("64000").clientOrderId("retry-1").send();
        assertThat(repeat).isEqualTo(new Outcome.AlreadyApplied("order already placed", placed.orderId()));
        assertThat(bob.buys("2").at("64000").clientOrderId("retry-1").rejected())
                .isEqualTo(Code.DUPLICATE_CLIENT_ORDER_ID);
        assertThat(bob.liveOrders()).hasSize(1);
    }

    @Test
    void tradersCancelOnlyTheirOwnOrders() {
        OrderState bid = bob.buys("1").at("64000").placed();
        bob.buys("1").at("63000").placed();

        assertThat(((Outcome.Rejected) alice.cancels(bid.orderId())).rejection().code())
                .isEqualTo(Code.ORDER_NOT_FOUND);
        assertThat(((Outcome.Rejected) bob.cancels("nope")).rejection().code()).isEqualTo(Code.ORDER_NOT_FOUND);
        assertThat(bob.cancels(bid.orderId())).isInstanceOf(Outcome.Applied.class);
        floor.apply(new CancelOrders(bob.accountId, BTC));
        assertThat(bob.liveOrders()).isEmpty();
        assertThat(floor.view().orderBook(BTC, 5).orElseThrow().bids()).isEmpty();
        assertThat(floor.view().risk(bob.accountId).orElseThrow().initialMarginRequirement())
                .isZero();
    }

    @Test
    void anAmendDownKeepsTimePriorityAndAPriceChangeLosesIt() {
        OrderState first = alice.sells("1").at("65000").placed();
        OrderState second = bob.sells("1").at("65000").placed();
        floor.apply(new AmendOrder(alice.accountId, first.orderId(), null, new BigDecimal("0.5")));
        carol.buys("0.5").at("65000").placed();
        assertThat(floor.trades())
                .singleElement()
                .satisfies(t -> assertThat(t.makerOrderId()).isEqualTo(first.orderId()));

        floor.apply(new AmendOrder(bob.accountId, second.orderId(), new BigDecimal("64999"), null));
        assertThat(floor.apply(new AmendOrder(bob.accountId, second.orderId(), new BigDecimal("60000"), null)))
                .isInstanceOf(Outcome.Applied.class);
        carol.buys("10").at("59000").placed();
        assertThat(floor.apply(new AmendOrder(bob.accountId, second.orderId(), new BigDecimal("58000"), null)))
                .satisfies(o ->
                        assertThat(((Outcome.Rejected) o).rejection().code()).isEqualTo(Code.POST_ONLY_WOULD_CROSS));
    }

    @Test
    void anAmendFollowsTheTradingStateLikeANewOrder() {
        OrderState bid = bob.buys("1").at("64500").placed();
        floor.apply(new ChangeTradingState(BTC, TradingState.POST_ONLY, "reopening", "ops", false));
        assertThat(floor.apply(new AmendOrder(bob.accountId, bid.orderId(), new BigDecimal("64000"), null)))
                .satisfies(o ->
                        assertThat(((Outcome.Rejected) o).rejection().code()).isEqualTo(Code.PRICE_OUTSIDE_BAND));
        assertThat(floor.apply(new AmendOrder(bob.accountId, bid.orderId(), new BigDecimal("64400"), null)))
                .isInstanceOf(Outcome.Applied.class);
        floor.apply(new ChangeTradingState("", TradingState.CLOSED, "maintenance", "ops", false));
        // Entering CLOSED cancelled the bid (MAINTENANCE): nothing is left to amend.
        assertThat(floor.apply(new AmendOrder(bob.accountId, bid.orderId(), null, new BigDecimal("0.5"))))
                .satisfies(o ->
                        assertThat(((Outcome.Rejected) o).rejection().code()).isEqualTo(Code.ORDER_NOT_FOUND));
        assertThat(bob.liveOrders()).isEmpty();
    }

    static Stream<Arguments> stateRules() {
        return Stream.of(
                Arguments.of(TradingState.CLOSED, "limit", Code.MARKET_CLOSED),
                Arguments.of(TradingState.POST_ONLY, "limit", Code.POST_ONLY_REQUIRED),
                Arguments.of(TradingState.POST_ONLY, "post-only far", Code.PRICE_OUTSIDE_BAND),
                Arguments.of(TradingState.POST_ONLY, "post-only near", null));
    }

    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @MethodSource("stateRules")
    void theTradingStateDecidesWhichOrdersAreAccepted(TradingState state, String order, Code expected) {
        alice.sells("1").at("65000").placed();
        carol.buys("1").at("65000").placed();
        floor.apply(new ChangeTradingState(BTC, state, "maintenance", "ops", false));
        var ticket = switch (order) {
            case "limit" -> bob.buys("1").at("64000");
            case "post-only far" -> bob.buys("1").at("64000").postOnly();
            default -> bob.buys("1").at("64500").postOnly();
        };
        if (expected == null) {
            assertThat(ticket.placed().status()).isEqualTo(OrderStatus.OPEN);
        } else {
            assertThat(ticket.rejected()).isEqualTo(expected);
        }
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("off tick", "1", "65000.05", Code.INVALID_PRICE),
                Arguments.of("off step", "0.0015", "65000", Code.INVALID_SIZE),
                Arguments.of("zero size", "0", "65000", Code.INVALID_SIZE),
                Arguments.of("negative price", "1", "-1", Code.INVALID_PRICE),
                Arguments.of("huge size", "1e30", "65000", Code.INVALID_SIZE),
                Arguments.of("huge price", "1", "1e30", Code.INVALID_PRICE));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badValues")
    void badValuesAreRejectedBeforeAnythingElse(String rule, String size, String price, Code expected) {
        floor.apply(new ChangeTradingState("", TradingState.CLOSED, "values come first", "ops", false));
        assertThat(bob.buys(size).at(price).rejected()).isEqualTo(expected);
    }

    @Test
    void aSnapshotKeepsTheBookItsPriorityAndEveryOrder() {
        alice.sells("1").at("65000").placed();
        bob.sells("1").at("65000").placed();
        carol.buys("0.5").at("64000").placed();
        bob.buys("1").triggered(OrderType.STOP_MARKET, "70000").placed();
        Engine restored = Engine.restore(((Outcome.Applied) floor.apply(new TakeSnapshot("test"))).snapshot());

        assertThat(restored.stateHash()).isEqualTo(floor.engine.stateHash());
        assertThat(restored.orderBook(BTC, 5)).isEqualTo(floor.view().orderBook(BTC, 5));
        assertThat(restored.liveOrders(bob.accountId, "")).isEqualTo(bob.liveOrders());
    }
}
