package io.bulwark.engine.oracle;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.EngineView;
import io.bulwark.engine.TradingFloor;
import io.bulwark.engine.account.Role;
import io.bulwark.engine.command.Command;
import io.bulwark.engine.command.IssueApiKey;
import io.bulwark.engine.command.PostOraclePrices;
import io.bulwark.engine.command.PostOraclePrices.Quote;
import io.bulwark.engine.command.ReanchorOracle;
import io.bulwark.engine.command.SetOracleSourceState;
import io.bulwark.engine.command.Tick;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.OraclePriceAccepted;
import io.bulwark.engine.event.OraclePriceRejected;
import io.bulwark.engine.event.Outcome;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The BTC market of a {@link TradingFloor} fed by named oracle sources, each posting with an ORACLE key bound
 * to it: {@code oracle.post("a", "65000")}. Every command moves engine time one second on.
 */
final class OracleFloor {
    static final String BTC = TradingFloor.BTC;
    final TradingFloor floor = new TradingFloor();

    /** The key bound to {@code source}, issued on first use (its id is {@code key_<source>}). */
    String key(String source) {
        String keyId = "key_" + source;
        if (floor.engine.apiKeys().stream().noneMatch(k -> k.keyId().equals(keyId))) {
            applied(new IssueApiKey(keyId, Role.ORACLE, "hash_" + source, source));
        }
        return keyId;
    }

    /** One update from {@code source} with its own key, stamped now; what became of it. */
    Optional<PriceRejection> post(String source, String price) {
        return verdicts(postAs(key(source), quote(source, price))).getFirst();
    }

    /** Posts {@code price} from each source in turn, each with its own key, and asserts all were accepted. */
    void agree(String price, String... sources) {
        for (String source : sources) {
            assertThat(post(source, price)).as("%s at %s", source, price).isEmpty();
        }
    }

    /** The given items in one command with {@code keyId}'s key (null: from inside the service). */
    List<Event> postAs(String keyId, Quote... quotes) {
        return applied(new PostOraclePrices(List.of(quotes), keyId));
    }

    Quote quote(String source, String price) {
        return new Quote(BTC, source, price, floor.now + 1000);
    }

    /** Each item's refusal, empty when accepted, in order. */
    static List<Optional<PriceRejection>> verdicts(List<Event> events) {
        List<Optional<PriceRejection>> out = new ArrayList<>();
        for (Event e : events) {
            if (e instanceof OraclePriceAccepted) {
                out.add(Optional.empty());
            } else if (e instanceof OraclePriceRejected r) {
                out.add(Optional.of(r.reason()));
            }
        }
        return out;
    }

    Outcome quarantine(String source) {
        return floor.apply(new SetOracleSourceState(source, SourceState.QUARANTINED, "compromised", "ops"));
    }

    Outcome activate(String source) {
        return floor.apply(new SetOracleSourceState(source, SourceState.ACTIVE, "fixed", "ops"));
    }

    Outcome reanchor() {
        return floor.apply(new ReanchorOracle(BTC, "feeds moved", "ops"));
    }

    void tick(int seconds) {
        for (int i = 0; i < seconds; i++) {
            applied(new Tick());
        }
    }

    List<Event> applied(Command command) {
        Outcome outcome = floor.apply(command);
        assertThat(outcome).isInstanceOf(Outcome.Applied.class);
        return ((Outcome.Applied) outcome).events();
    }

    EngineView.MarketView market() {
        return floor.engine.market(BTC).orElseThrow();
    }

    BigDecimal index() {
        return market().indexPrice();
    }

    PriceHealth health() {
        return market().oracle().health();
    }
}
