package io.bulwark.engine.trading;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.Engine;
import io.bulwark.engine.EngineView;
import io.bulwark.engine.Outcome;
import io.bulwark.engine.Rejection;
import io.bulwark.engine.command.CancelOrder;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.command.CreateAccount;
import io.bulwark.engine.command.CreateMarket;
import io.bulwark.engine.command.Deposit;
import io.bulwark.engine.command.PlaceOrder;
import io.bulwark.engine.command.PostOraclePrices;
import io.bulwark.engine.event.AccountCreated;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.OrderPlaced;
import io.bulwark.engine.event.Traded;
import io.bulwark.engine.market.MarketSpec;
import io.bulwark.engine.order.OrderState;
import io.bulwark.engine.order.OrderType;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.order.TimeInForce;
import java.math.BigDecimal;
import java.util.List;

/**
 * A BTC-USD-PERP market and named traders, so tests read like the trading floor:
 * {@code alice.buys("1").at("65000").placed()}.
 */
final class TradingFloor {
    static final String BTC = "BTC-USD-PERP";
    final Engine engine = new Engine();
    long now = 1_700_000_000_000L;
    Outcome last;

    TradingFloor() {
        apply(new CreateMarket(btc()));
    }

    static MarketSpec btc() {
        return new MarketSpec(
                BTC,
                new BigDecimal("0.1"),
                new BigDecimal("0.001"),
                new BigDecimal("0.001"),
                new BigDecimal("0.02"),
                new BigDecimal("0.01"),
                new BigDecimal("0.0002"),
                new BigDecimal("0.0005"),
                new BigDecimal("0.01"),
                3600,
                new BigDecimal("0.005"),
                500,
                100,
                1000,
                30);
    }

    Outcome apply(Command command) {
        now += 1000;
        last = engine.apply(command, now);
        return last;
    }

    List<Event> events() {
        return ((Outcome.Applied) last).events();
    }

    List<Traded> trades() {
        return events().stream()
                .filter(Traded.class::isInstance)
                .map(Traded.class::cast)
                .toList();
    }

    EngineView view() {
        return engine;
    }

    /** Three oracle sources agree on {@code price} now: a fresh, healthy index. */
    Outcome prices(String price) {
        long stamp = now + 1000;
        return apply(new PostOraclePrices(List.of(
                new PostOraclePrices.Quote(BTC, "a", price, stamp),
                new PostOraclePrices.Quote(BTC, "b", price, stamp),
                new PostOraclePrices.Quote(BTC, "c", price, stamp))));
    }

    Trader trader(String name, String deposit) {
        Outcome.Applied created = (Outcome.Applied) apply(new CreateAccount(name, "key_" + name, "hash_" + name));
        String id = ((AccountCreated) created.events().getFirst()).accountId();
        apply(new Deposit(id, new BigDecimal(deposit), "dep-" + name));
        return new Trader(id);
    }

    final class Trader {
        final String accountId;

        Trader(String accountId) {
            this.accountId = accountId;
        }

        Ticket buys(String size) {
            return new Ticket(this, Side.BUY, size);
        }

        Ticket sells(String size) {
            return new Ticket(this, Side.SELL, size);
        }

        Outcome cancels(String orderId) {
            return apply(new CancelOrder(accountId, orderId));
        }

        BigDecimal balance() {
            return engine.balance(accountId);
        }

        BigDecimal position() {
            return engine.positions(accountId).stream()
                    .filter(p -> p.market().equals(BTC))
                    .map(p -> p.size())
                    .findFirst()
                    .orElse(BigDecimal.ZERO);
        }

        List<OrderState> liveOrders() {
            return engine.liveOrders(accountId, "");
        }
    }

    final class Ticket {
        private final Trader trader;
        private final Side side;
        private final String size;
        private String price;
        private String trigger;
        private OrderType type = OrderType.LIMIT;
        private TimeInForce tif = TimeInForce.GTC;
        private boolean reduceOnly;
        private String clientOrderId = "";

        Ticket(Trader trader, Side side, String size) {
            this.trader = trader;
            this.side = side;
            this.size = size;
        }

        Ticket at(String price) {
            this.price = price;
            return this;
        }

        Ticket ioc() {
            tif = TimeInForce.IOC;
            return this;
        }

        Ticket fok() {
            tif = TimeInForce.FOK;
            return this;
        }

        Ticket postOnly() {
            tif = TimeInForce.POST_ONLY;
            return this;
        }

        Ticket reduceOnly() {
            reduceOnly = true;
            return this;
        }

        Ticket clientOrderId(String id) {
            clientOrderId = id;
            return this;
        }

        Ticket atMarket() {
            type = OrderType.MARKET;
            tif = TimeInForce.IOC;
            return this;
        }

        Ticket triggered(OrderType type, String trigger) {
            this.type = type;
            this.trigger = trigger;
            return this;
        }

        Outcome send() {
            return apply(new PlaceOrder(
                    trader.accountId,
                    BTC,
                    side,
                    type,
                    tif,
                    price == null ? null : new BigDecimal(price),
                    trigger == null ? null : new BigDecimal(trigger),
                    new BigDecimal(size),
                    reduceOnly,
                    clientOrderId));
        }

        OrderState placed() {
            Outcome outcome = send();
            assertThat(outcome).as("placing %s %s", side, size).isInstanceOf(Outcome.Applied.class);
            return ((Outcome.Applied) outcome)
                    .events().stream()
                            .filter(OrderPlaced.class::isInstance)
                            .map(e -> ((OrderPlaced) e).order())
                            .findFirst()
                            .orElseThrow();
        }

        Rejection.Code rejected() {
            Outcome outcome = send();
            assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
            return ((Outcome.Rejected) outcome).rejection().code();
        }
    }
}
