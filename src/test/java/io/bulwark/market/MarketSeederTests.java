package io.bulwark.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.EngineView;
import io.bulwark.engine.command.CreateMarket;
import io.bulwark.web.InMemoryGateway;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class MarketSeederTests {
    private final InMemoryGateway gateway = new InMemoryGateway();

    private static MarketsProperties defaults() {
        return new Binder(new MapConfigurationPropertySource())
                .bindOrCreate("bulwark.markets", MarketsProperties.class);
    }

    @Test
    void seedsAnEmptyExchangeOnce() {
        MarketSeeder seeder = new MarketSeeder(defaults());
        seeder.onWriterReady(gateway);
        List<String> markets = gateway.query(
                v -> v.markets().stream().map(m -> m.spec().market()).toList());
        assertThat(markets).containsExactly("BTC-USD-PERP", "ETH-USD-PERP", "SOL-USD-PERP");
        assertThat(gateway.submitted()).allMatch(CreateMarket.class::isInstance);

        gateway.forget();
        seeder.onWriterReady(gateway);
        assertThat(gateway.submitted()).isEmpty();
    }

    @Test
    void leavesAnExchangeWithMarketsAlone() {
        gateway.submit(new CreateMarket(defaults().specs().get(1)), "test");
        gateway.forget();
        new MarketSeeder(defaults()).onWriterReady(gateway);
        assertThat(gateway.submitted()).isEmpty();
        assertThat(gateway.query(EngineView::markets)).hasSize(1);
    }

    @Test
    void canBeTurnedOff() {
        MarketsProperties off = new MarketsProperties(false, defaults().defaults(), List.of());
        new MarketSeeder(off).onWriterReady(gateway);
        assertThat(gateway.submitted()).isEmpty();
    }
}
