package io.bulwark.engine;

import static io.bulwark.engine.TradingFloor.BTC;
import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.EngineView.BookView;
import io.bulwark.engine.command.CreateMarket;
import io.bulwark.engine.command.Tick;
import io.bulwark.engine.maintenance.MaintenanceWindow;
import io.bulwark.engine.market.MarketSpec;
import io.bulwark.engine.order.OrderState;
import java.math.BigDecimal;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import org.junit.jupiter.api.Test;

/**
 * The public view is built from the previous one, copying again only what moved: after any stream of
 * orders, cancels, trades, price moves (liquidations), stale prices and new markets, built after any
 * subset of the commands (one build per batch), it must say exactly what a full read of the engine says.
 */
class PublicViewTests {
    private static final String ETH = "ETH-USD-PERP";

    /** One step of the stream; {@code build} says whether a batch ends after it. */
    record Step(int kind, int trader, boolean buy, int steps, int offsetTicks, boolean build) {}

    @Property(tries = 150)
    void eachViewSaysWhatAFullReadOfTheEngineSays(@ForAll("streams") List<Step> steps) {
        TradingFloor floor = new TradingFloor();
        floor.prices("65000");
        List<TradingFloor.Trader> traders =
                List.of(floor.trader("rich", "1000000"), floor.trader("mid", "20000"), floor.trader("thin", "400"));
        assertMatchesEngine(floor.engine.publicView(), floor.engine);
        int price = 65000;
        for (Step step : steps) {
            TradingFloor.Trader trader = traders.get(step.trader());
            switch (step.kind()) {
                case 0, 1, 2 -> {
                    TradingFloor.Ticket ticket =
                            step.buy() ? trader.buys(size(step.steps())) : trader.sells(size(step.steps()));
                    ticket.at(price(price + (step.buy() ? -1 : 1) * step.offsetTicks()));
                    if (step.kind() == 2) {
                        ticket.ioc();
                    }
                    ticket.send();
                }
                case 3 ->
                    trader.liveOrders().stream()
                            .findFirst()
                            .map(OrderState::orderId)
                            .ifPresent(trader::cancels);
                case 4 -> floor.prices(Integer.toString(price += step.offsetTicks() * 10 * (step.buy() ? 1 : -1)));
                case 5 -> {
                    floor.now += 120_000; // past every price's maximum age: health and fresh prices change
                    floor.apply(new Tick());
                }
                default -> floor.apply(new CreateMarket(eth()));
            }
            if (step.build()) {
                assertMatchesEngine(floor.engine.publicView(), floor.engine);
            }
        }
        assertMatchesEngine(floor.engine.publicView(), floor.engine);
    }

    @Test
    void aPublishedViewNeverChangesAfterward() {
        TradingFloor floor = new TradingFloor();
        floor.prices("65000");
        TradingFloor.Trader alice = floor.trader("alice", "100000");
        alice.buys("0.5").at("64000").placed();
        PublicView before = floor.engine.publicView();
        BookView book = before.orderBook(BTC, 10).orElseThrow();

        TradingFloor.Trader bob = floor.trader("bob", "100000");
        bob.sells("0.2").at("64000").send();
        bob.buys("1").at("63000").placed();
        PublicView after = floor.engine.publicView();

        assertThat(before.orderBook(BTC, 10)).contains(book);
        assertThat(before.market(BTC).orElseThrow().openInterest()).isEqualByComparingTo("0");
        assertThat(after.market(BTC).orElseThrow().openInterest()).isEqualByComparingTo("0.2");
        assertThat(after.orderBook(BTC, 10).orElseThrow().bids()).hasSize(2);
        assertThat(after.sequence()).isGreaterThan(before.sequence());
    }

    @Test
    void depthIsBoundedAndUnknownMarketsAreEmpty() {
        TradingFloor floor = new TradingFloor();
        floor.prices("65000");
        TradingFloor.Trader alice = floor.trader("alice", "10000000");
        for (int i = 1; i <= PublicView.BOOK_DEPTH + 5; i++) {
            alice.buys("0.001").at(price(65000 - i)).placed();
        }
        PublicView view = floor.engine.publicView();
        assertThat(view.orderBook(BTC, 10_000).orElseThrow().bids()).hasSize(PublicView.BOOK_DEPTH);
        assertThat(view.orderBook(BTC, 3).orElseThrow().bids())
                .isEqualTo(floor.engine.orderBook(BTC, 3).orElseThrow().bids());
        assertThat(view.orderBook("DOGE-USD-PERP", 10)).isEmpty();
        assertThat(view.market("DOGE-USD-PERP")).isEmpty();
    }

    private static void assertMatchesEngine(PublicView view, Engine engine) {
        assertThat(view.sequence()).isEqualTo(engine.lastSequence());
        assertThat(view.clock()).isEqualTo(engine.clock());
        assertThat(view.status()).isEqualTo(engine.status());
        assertThat(view.markets()).isEqualTo(engine.markets());
        assertThat(view.maintenanceWindows())
                .isEqualTo(engine.maintenanceWindows().stream()
                        .filter(MaintenanceWindow::announced)
                        .toList());
        for (var market : engine.markets()) {
            String name = market.spec().market();
            assertThat(view.market(name)).contains(market);
            assertThat(view.orderBook(name, PublicView.BOOK_DEPTH))
                    .as("book of %s", name)
                    .isEqualTo(engine.orderBook(name, PublicView.BOOK_DEPTH));
        }
    }

    private static MarketSpec eth() {
        return TradingFloor.spec(ETH, "0.01", "0.01", "0.03", "0.05");
    }

    private static String size(int steps) {
        return new BigDecimal(steps).movePointLeft(3).toPlainString();
    }

    private static String price(int whole) {
        return Integer.toString(whole);
    }

    @Provide
    Arbitrary<List<Step>> streams() {
        Arbitrary<Step> step = Combinators.combine(
                        Arbitraries.frequency(
                                Tuple.of(12, 0),
                                Tuple.of(6, 2),
                                Tuple.of(8, 3),
                                Tuple.of(3, 4),
                                Tuple.of(1, 5),
                                Tuple.of(1, 6)),
                        Arbitraries.integers().between(0, 2),
                        Arbitraries.of(true, false),
                        Arbitraries.integers().between(1, 80),
                        Arbitraries.integers().between(0, 300),
                        Arbitraries.of(true, false))
                .as(Step::new);
        return step.list().ofMinSize(5).ofMaxSize(60);
    }
}
