package io.bulwark.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.command.CancelOrder;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.command.CreateAccount;
import io.bulwark.engine.command.CreateMarket;
import io.bulwark.engine.command.Deposit;
import io.bulwark.engine.command.PlaceOrder;
import io.bulwark.engine.command.PostOraclePrices;
import io.bulwark.engine.command.Rejection;
import io.bulwark.engine.command.Withdraw;
import io.bulwark.engine.event.AccountCreated;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.OrderPlaced;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.event.Traded;
import io.bulwark.engine.market.MarketPatch;
import io.bulwark.engine.market.MarketSpec;
import io.bulwark.engine.order.OrderState;
import io.bulwark.engine.order.OrderType;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.order.TimeInForce;
import java.math.BigDecimal;
import java.util.List;

/**
 * An engine with a clock, a BTC-USD-PERP market and named traders, so tests read like the trading floor:
 * {@code alice.buys("1").at("65000").placed()}. {@link #empty()} is the same floor with no market yet.
 */
public final class TradingFloor {
    public static final String BTC = "BTC-USD-PERP";
    public final Engine engine = new Engine();
    public long now = 1_700_000_000_000L;
    Outcome last;
    private int references;

    public TradingFloor() {
        this(true);
    }

    private TradingFloor(boolean withBtc) {
        if (withBtc) {
            apply(new CreateMarket(btc()));
        }
    }

    /** A floor with no market: tests of market creation and of accounts alone. */
    public static TradingFloor empty() {
        return new TradingFloor(false);
    }

    /** SPEC section 3's BTC-USD-PERP with the default fees, bands and funding. */
    public static MarketSpec btc() {
        return spec(BTC, "0.1", "0.001", "0.02", "0.01");
    }

    /** A market with SPEC section 3's default fees, bands and funding; {@code minSize} is {@code step}. */
    public static MarketSpec spec(String name, String tick, String step, String imf, String mmf) {
        return MarketPatch.NONE
                .withTickSize(new BigDecimal(tick))
                .withStepSize(new BigDecimal(step))
                .withMinSize(new BigDecimal(step))
                .withInitialMarginFraction(new BigDecimal(imf))
                .withMaintenanceMarginFraction(new BigDecimal(mmf))
                .withMakerFee(new BigDecimal("0.0002"))
                .withTakerFee(new BigDecimal("0.0005"))
                .withLiquidationFee(new BigDecimal("0.01"))
                .withFundingIntervalSeconds(3600L)
                .withMaxFundingRate(new BigDecimal("0.005"))
                .withPriceBandBps(500)
                .withPostOnlyBandBps(100)
                .withMaxPriceJumpBps(1000)
                .withMaxPriceAgeSeconds(30L)
                .withPriceJumpWindowSeconds(60L)
                .withMaxSourceDivergenceBps(200)
                .toSpec(name);
    }

    /** Creates {@code spec}'s market; it must be accepted. */
    public TradingFloor withMarket(MarketSpec spec) {
        applied(new CreateMarket(spec));
        return this;
    }

    public Outcome.Applied applied(Command command) {
        Outcome outcome = apply(command);
        assertThat(outcome).isInstanceOf(Outcome.Applied.class);
        return (Outcome.Applied) outcome;
    }

    public Rejection rejected(Command command) {
        Outcome outcome = apply(command);
        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        return ((Outcome.Rejected) outcome).rejection();
    }

    public Outcome apply(Command command) {
        now += 1000;
        last = engine.apply(command, now);
        return last;
    }

    public List<Event> events() {
        return ((Outcome.Applied) last).events();
    }

    public List<Traded> trades() {
        return events().stream()
                .filter(Traded.class::isInstance)
                .map(Traded.class::cast)
                .toList();
    }

    public EngineView view() {
        return engine;
    }

    /** Three oracle sources agree on {@code price} now: a fresh, healthy index. */
    public Outcome prices(String price) {
        return prices(BTC, price);
    }

    /** Three oracle sources agree on {@code price} for {@code market} now. */
    public Outcome prices(String market, String price) {
        long stamp = now + 1000;
        return apply(new PostOraclePrices(List.of(
                new PostOraclePrices.Quote(market, "a", price, stamp),
                new PostOraclePrices.Quote(market, "b", price, stamp),
                new PostOraclePrices.Quote(market, "c", price, stamp))));
    }

    /** A trader with an account and nothing deposited. */
    public Trader trader(String name) {
        return new Trader(((AccountCreated) applied(new CreateAccount(name, "key_" + name, "hash_" + name))
                        .events()
                        .getFirst())
                .accountId());
    }

    public Trader trader(String name, String deposit) {
        Outcome.Applied created = (Outcome.Applied) apply(new CreateAccount(name, "key_" + name, "hash_" + name));
        String id = ((AccountCreated) created.events().getFirst()).accountId();
        apply(new Deposit(id, new BigDecimal(deposit), "dep-" + name));
        return new Trader(id);
    }

    public final class Trader {
        public final String accountId;

        Trader(String accountId) {
            this.accountId = accountId;
        }

        public Ticket buys(String size) {
            return new Ticket(this, Side.BUY, size);
        }

        public Ticket sells(String size) {
            return new Ticket(this, Side.SELL, size);
        }

        public Outcome cancels(String orderId) {
            return apply(new CancelOrder(accountId, orderId));
        }

        public Outcome deposits(String amount, String reference) {
            return apply(new Deposit(accountId, new BigDecimal(amount), reference));
        }

        /** A withdrawal with a reference of its own (never a repeat). */
        public Outcome withdraws(String amount) {
            return withdraws(amount, "w-" + (++references));
        }

        public Outcome withdraws(String amount, String reference) {
            return apply(new Withdraw(accountId, new BigDecimal(amount), reference));
        }

        public BigDecimal balance() {
            return engine.balance(accountId);
        }

        public BigDecimal position() {
            return engine.positions(accountId).stream()
                    .filter(p -> p.market().equals(BTC))
                    .map(p -> p.size())
                    .findFirst()
                    .orElse(BigDecimal.ZERO);
        }

        public List<OrderState> liveOrders() {
            return engine.liveOrders(accountId, "");
        }
    }

    public final class Ticket {
        private final Trader trader;
        private final Side side;
        private final String size;
        private String price;
        private String trigger;
        private OrderType type = OrderType.LIMIT;
        private TimeInForce tif = TimeInForce.GTC;
        private boolean reduceOnly;
        private String clientOrderId = "";
        private String market = BTC;

        Ticket(Trader trader, Side side, String size) {
            this.trader = trader;
            this.side = side;
            this.size = size;
        }

        /** In another market than BTC-USD-PERP. */
        public Ticket in(String market) {
            this.market = market;
            return this;
        }

        public Ticket at(String price) {
            this.price = price;
            return this;
        }

        public Ticket ioc() {
            tif = TimeInForce.IOC;
            return this;
        }

        public Ticket fok() {
            tif = TimeInForce.FOK;
            return this;
        }

        public Ticket postOnly() {
            tif = TimeInForce.POST_ONLY;
            return this;
        }

        public Ticket reduceOnly() {
            reduceOnly = true;
            return this;
        }

        public Ticket clientOrderId(String id) {
            clientOrderId = id;
            return this;
        }

        public Ticket atMarket() {
            type = OrderType.MARKET;
            tif = TimeInForce.IOC;
            return this;
        }

        public Ticket triggered(OrderType type, String trigger) {
            this.type = type;
            this.trigger = trigger;
            return this;
        }

        public Outcome send() {
            return apply(new PlaceOrder(
                    trader.accountId,
                    market,
                    side,
                    type,
                    tif,
                    price == null ? null : new BigDecimal(price),
                    trigger == null ? null : new BigDecimal(trigger),
                    new BigDecimal(size),
                    reduceOnly,
                    clientOrderId));
        }

        public OrderState placed() {
            Outcome outcome = send();
            assertThat(outcome).as("placing %s %s", side, size).isInstanceOf(Outcome.Applied.class);
            return ((Outcome.Applied) outcome)
                    .events().stream()
                            .filter(OrderPlaced.class::isInstance)
                            .map(e -> ((OrderPlaced) e).order())
                            .findFirst()
                            .orElseThrow();
        }

        public Rejection.Code rejected() {
            Outcome outcome = send();
            assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
            return ((Outcome.Rejected) outcome).rejection().code();
        }
    }
}
