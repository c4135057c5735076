package io.bulwark.engine.desk.liquidation;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.Engine;
import io.bulwark.engine.TradingFloor;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.command.CreateAccount;
import io.bulwark.engine.command.CreateMarket;
import io.bulwark.engine.command.Deposit;
import io.bulwark.engine.command.PlaceOrder;
import io.bulwark.engine.command.PostOraclePrices;
import io.bulwark.engine.command.StartEngine;
import io.bulwark.engine.command.Tick;
import io.bulwark.engine.command.UpdateMarket;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.Liquidated;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.ledger.Ledger;
import io.bulwark.engine.market.MarketPatch;
import io.bulwark.engine.order.OrderType;
import io.bulwark.engine.order.Side;
import io.bulwark.engine.order.TimeInForce;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Leveraged traders on random price paths, with funding every minute: after every command the
 * ledger conserves, open interest balances (the vault included), realized PnL matches the settlement
 * account, funding never creates money, and no liquidation ever happened on an unhealthy price.
 */
class RiskInvariantTests {
    private static final String BTC = TradingFloor.BTC;
    private static final int TRADERS = 6;

    @Property(tries = 60)
    void riskKeepsEveryInvariant(@ForAll("pricePaths") List<Integer> movesBps) {
        Engine engine = new Engine();
        long[] now = {1_700_000_000_000L};
        List<Event> all = new ArrayList<>();
        java.util.function.Consumer<Command> apply = c -> {
            now[0] += 1000;
            Command stamped = c instanceof PostOraclePrices p
                    ? new PostOraclePrices(p.quotes().stream()
                            .map(q -> new PostOraclePrices.Quote(q.market(), q.source(), q.price(), now[0]))
                            .toList())
                    : c;
            if (engine.apply(stamped, now[0]) instanceof Outcome.Applied a) {
                all.addAll(a.events());
            }
            assertInvariants(engine);
        };
        apply.accept(StartEngine.of("prop").withFundingSampleSeconds(10).withBreaker(10, 10_000));
        apply.accept(new CreateMarket(TradingFloor.btc()));
        apply.accept(new UpdateMarket(BTC, MarketPatch.NONE.withFundingIntervalSeconds(60L)));
        apply.accept(new Deposit(Ledger.LIQUIDATOR_VAULT, new BigDecimal("3000"), "vault"));
        for (int t = 1; t <= TRADERS; t++) {
            apply.accept(new CreateAccount("t" + t, "k" + t, "h" + t));
            apply.accept(new Deposit(Integer.toString(t), new BigDecimal(t % 2 == 0 ? "1500" : "40000"), "d" + t));
        }
        BigDecimal price = new BigDecimal("65000");
        apply.accept(prices(price));
        for (int t = 1; t <= TRADERS; t += 2) { // odd traders sell 1 to the thinly funded even ones
            String seller = Integer.toString(t);
            String buyer = Integer.toString(t + 1);
            Side buyerSide = t % 4 == 1 ? Side.BUY : Side.SELL;
            apply.accept(order(seller, buyerSide.opposite(), price));
            apply.accept(order(buyer, buyerSide, price));
        }
        for (int move : movesBps) {
            price = price.add(price.multiply(BigDecimal.valueOf(move)).divide(BigDecimal.valueOf(10_000)))
                    .setScale(1, java.math.RoundingMode.HALF_EVEN);
            apply.accept(prices(price));
            for (int i = 0; i < 5; i++) {
                apply.accept(new Tick());
            }
        }
        List<Liquidated> liquidations = all.stream()
                .filter(Liquidated.class::isInstance)
                .map(Liquidated.class::cast)
                .toList();
        assertThat(liquidations).allSatisfy(l -> assertThat(l.priceHealthy()).isTrue());
        Statistics.label("liquidated").collect(liquidations.isEmpty() ? "none" : "some");
        Statistics.label("liquidated").coverage(c -> c.check("some").percentage(p -> p >= 30.0));
    }

    private static PlaceOrder order(String account, Side side, BigDecimal price) {
        return new PlaceOrder(
                account, BTC, side, OrderType.LIMIT, TimeInForce.GTC, price, null, BigDecimal.ONE, false, "");
    }

    private static PostOraclePrices prices(BigDecimal price) {
        String p = price.toPlainString();
        return new PostOraclePrices(List.of(
                new PostOraclePrices.Quote(BTC, "a", p, 0),
                new PostOraclePrices.Quote(BTC, "b", p, 0),
                new PostOraclePrices.Quote(BTC, "c", p, 0)));
    }

    private static void assertInvariants(Engine engine) {
        assertThat(engine.ledgerBalances().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add))
                .isZero();
        assertThat(engine.balance(Ledger.SETTLEMENT))
                .isEqualByComparingTo(engine.totalCostBasis().negate());
        assertThat(engine.balance(Ledger.FUNDING).signum()).isNotNegative();
        BigDecimal net = BigDecimal.ZERO;
        for (int t = 1; t <= TRADERS; t++) {
            for (var p : engine.positions(Integer.toString(t))) {
                net = net.add(p.size());
            }
        }
        for (var p : engine.positions(Ledger.LIQUIDATOR_VAULT)) {
            net = net.add(p.size());
        }
        assertThat(net)
                .as("long open interest equals short, the vault included")
                .isZero();
    }

    @Provide
    Arbitrary<List<Integer>> pricePaths() {
        return Arbitraries.integers().between(-400, 400).list().ofMinSize(5).ofMaxSize(40);
    }
}
