package io.bulwark.system;

import io.bulwark.engine.EngineView.MarketView;
import io.bulwark.engine.PublicView;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.MarketCreated;
import io.bulwark.engine.state.TradingState;
import io.bulwark.journal.Committed;
import io.bulwark.journal.EngineGateway;
import io.bulwark.journal.JournalListener;
import io.bulwark.journal.NodeStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The gauges an on-call reads (SPEC section 12, v2; listed in docs/operations.md "Metrics"): the exchange's and
 * each market's trading state, each market's price health, price age, open interest and funding halt, the
 * liquidator vault's balance, and this instance's writer role. Each value is read at scrape time from the view
 * the engine published after its last commit, never from the engine thread; on an instance that is not the
 * writer (no view) they are NaN. A market's gauges are registered when the market appears (recovery or {@link
 * MarketCreated}).
 *
 * <p>Trading states as numbers, strictest first: {@code CLOSED} 0, {@code POST_ONLY} 1, {@code OPEN} 2.
 */
@Component
class ExchangeMetrics implements JournalListener {
    private final MeterRegistry registry;
    private final ObjectProvider<EngineGateway> gateway;
    private final Set<String> markets = ConcurrentHashMap.newKeySet();

    ExchangeMetrics(MeterRegistry registry, ObjectProvider<EngineGateway> gateway) {
        this.registry = registry;
        this.gateway = gateway;
        Gauge.builder(
                        "bulwark.exchange.trading.state",
                        () -> fromView(v -> level(v.status().state())))
                .description("The exchange-wide trading state: 0 CLOSED, 1 POST_ONLY, 2 OPEN")
                .register(registry);
        Gauge.builder(
                        "bulwark.liquidator.vault.balance",
                        () -> fromView(v -> v.liquidatorVaultBalance().doubleValue()))
                .description("Balance of the liquidator vault (the insurance fund), in the quote currency")
                .register(registry);
        for (NodeStatus.Role role : NodeStatus.Role.values()) {
            Gauge.builder(
                            "bulwark.writer.role",
                            () -> gateway.getObject().nodeStatus().role() == role ? 1 : 0)
                    .description(
                            "1 on the series of this instance's role (WRITER, STANDBY, RECOVERING), 0 on the others")
                    .tag("role", role.name())
                    .register(registry);
        }
    }

    @Override
    public void onCommitted(List<Committed> batch) {
        for (Committed c : batch) {
            for (Event event : c.events()) {
                if (event instanceof MarketCreated created) {
                    market(created.spec().market());
                }
            }
        }
    }

    @Override
    public void onRecovered(EngineGateway term) {
        term.publicView().markets().forEach(m -> market(m.spec().market()));
    }

    /** The trading state as a gauge value: strictest lowest, so {@code < 2} reads "not fully open". */
    static double level(TradingState state) {
        return switch (state) {
            case CLOSED -> 0;
            case POST_ONLY -> 1;
            case OPEN -> 2;
        };
    }

    private void market(String market) {
        if (!markets.add(market)) {
            return;
        }
        marketGauge(
                "bulwark.market.trading.state",
                market,
                "The market's effective trading state (the stricter of the exchange's and its own): 0 CLOSED,"
                        + " 1 POST_ONLY, 2 OPEN",
                m -> level(m.effectiveState()));
        marketGauge(
                "bulwark.market.price.healthy",
                market,
                "1 while the market's price is healthy (may drive triggers, liquidations and funding)",
                m -> m.priceHealthy() ? 1 : 0);
        Gauge.builder("bulwark.market.price.age", () -> ofMarket(market, ExchangeMetrics::priceAgeSeconds))
                .description("Seconds since the newest accepted oracle price of the market (NaN before the first)")
                .baseUnit("seconds")
                .tag("market", market)
                .register(registry);
        marketGauge(
                "bulwark.market.open.interest",
                market,
                "Open interest: the total long size in the market, in contracts",
                m -> m.openInterest().doubleValue());
        marketGauge(
                "bulwark.market.funding.halted",
                market,
                "1 while the write-time guard holds the market's funding halted",
                m -> m.funding().haltReason() == null
                                || m.funding().haltReason().isEmpty()
                        ? 0
                        : 1);
    }

    private void marketGauge(String name, String market, String description, ToDoubleFunction<MarketView> read) {
        Gauge.builder(name, () -> ofMarket(market, read))
                .description(description)
                .tag("market", market)
                .register(registry);
    }

    private static double priceAgeSeconds(MarketView m) {
        long time = m.oracle().lastPriceTime();
        return time == 0 ? Double.NaN : Math.max(0, System.currentTimeMillis() - time) / 1000.0;
    }

    private double ofMarket(String market, ToDoubleFunction<MarketView> read) {
        return fromView(v -> v.market(market).map(read::applyAsDouble).orElse(Double.NaN));
    }

    /** NaN while there is no published view: a standby, or a writer still recovering. */
    private double fromView(ToDoubleFunction<PublicView> read) {
        try {
            return read.applyAsDouble(gateway.getObject().publicView());
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
