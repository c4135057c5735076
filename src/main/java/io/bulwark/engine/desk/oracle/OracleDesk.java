package io.bulwark.engine.desk.oracle;

import static io.bulwark.engine.command.Rejection.Code.INVALID_TRANSITION;
import static io.bulwark.engine.command.Rejection.Code.NO_FRESH_SOURCE;
import static io.bulwark.engine.command.Rejection.Code.UNKNOWN_MARKET;
import static io.bulwark.engine.command.Rejection.Code.VALIDATION_FAILED;
import static io.bulwark.engine.event.Outcome.reject;

import io.bulwark.engine.account.Accounts;
import io.bulwark.engine.account.ApiKey;
import io.bulwark.engine.command.PostOraclePrices;
import io.bulwark.engine.command.ReanchorOracle;
import io.bulwark.engine.command.SetOracleSourceState;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.OraclePriceAccepted;
import io.bulwark.engine.event.OraclePriceRejected;
import io.bulwark.engine.event.OracleReanchored;
import io.bulwark.engine.event.OracleSourceStateChanged;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.oracle.OracleFeed;
import io.bulwark.engine.oracle.OracleSources;
import io.bulwark.engine.oracle.PriceRejection;
import io.bulwark.engine.oracle.Reanchor;
import io.bulwark.engine.oracle.SourceState;
import io.bulwark.engine.oracle.Verdict;
import io.bulwark.engine.state.Market;
import io.bulwark.engine.state.Markets;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Oracle prices and their administration (SPEC section 6): each posted item checked against the key's
 * source and the market's feed, sources quarantined and re-activated, markets re-anchored by hand. The
 * markets whose index moved are added to {@code moved}, for the caller to fire triggers there.
 */
public final class OracleDesk {
    /** The actor of a re-anchor the sources' agreement made. */
    public static final String AGREEMENT_ACTOR = "system:oracle";

    private final Markets markets;
    private final Accounts accounts;

    public OracleDesk(Markets markets, Accounts accounts) {
        this.markets = markets;
        this.accounts = accounts;
    }

    public Optional<Outcome> post(PostOraclePrices c, long now, List<Event> events, Set<String> moved) {
        if (c.quotes().isEmpty()) {
            return reject(VALIDATION_FAILED, "no prices");
        }
        Optional<ApiKey> key = c.keyId() == null ? Optional.empty() : accounts.key(c.keyId());
        for (PostOraclePrices.Quote q : c.quotes()) {
            Optional<Market> market = markets.get(q.market());
            if (c.keyId() != null && !key.map(k -> k.maySpeakFor(q.source())).orElse(false)) {
                events.add(refused(q, PriceRejection.SOURCE_NOT_ALLOWED));
            } else if (market.isEmpty()) {
                events.add(refused(q, PriceRejection.UNKNOWN_MARKET));
            } else {
                offer(market.get(), q, now, events, moved);
            }
        }
        return Optional.empty();
    }

    private void offer(Market m, PostOraclePrices.Quote q, long now, List<Event> events, Set<String> moved) {
        Verdict verdict = m.oracle().offer(q.source(), q.price(), q.timestamp(), now, m.spec(), quarantined());
        if (verdict.refusal().isPresent()) {
            events.add(refused(q, verdict.refusal().get()));
            return;
        }
        moved.add(q.market());
        events.add(new OraclePriceAccepted(
                q.market(),
                q.source(),
                new BigDecimal(q.price()),
                q.timestamp(),
                m.indexPrice(),
                m.markPrice(),
                m.priceHealthy(now)));
        if (verdict.reanchored()) {
            events.add(reanchored(
                    m,
                    now,
                    AGREEMENT_ACTOR,
                    "every fresh source agreed on a price beyond the jump limit for " + OracleFeed.REANCHOR_AFTER
                            + " updates"));
        }
    }

    private static OraclePriceRejected refused(PostOraclePrices.Quote q, PriceRejection reason) {
        return new OraclePriceRejected(q.market(), q.source(), q.price(), q.timestamp(), reason);
    }

    public Optional<Outcome> setSourceState(SetOracleSourceState c, long now, List<Event> events, Set<String> moved) {
        if (c.source().isBlank()) {
            return reject(VALIDATION_FAILED, "source must not be blank");
        }
        OracleSources sources = markets.oracleSources();
        SourceState from = sources.state(c.source());
        if (from == c.state()) {
            return reject(INVALID_TRANSITION, "oracle source " + c.source() + " is already " + from);
        }
        events.add(new OracleSourceStateChanged(c.source(), from, c.state(), c.reason(), c.actor()));
        if (c.state() == SourceState.ACTIVE) {
            sources.activate(c.source());
            markets.all().forEach(m -> m.oracle().activate(c.source()));
            return Optional.empty();
        }
        sources.quarantine(c.source(), c.reason(), c.actor(), now);
        for (Market m : markets.all()) {
            if (m.oracle().quarantine(c.source(), now, m.spec())) {
                moved.add(m.spec().market());
                events.add(reanchored(m, now, c.actor(), c.reason()));
            }
        }
        return Optional.empty();
    }

    public Optional<Outcome> reanchor(ReanchorOracle c, long now, List<Event> events, Set<String> moved) {
        Optional<Market> market = markets.get(c.market());
        if (market.isEmpty()) {
            return reject(UNKNOWN_MARKET, "no market " + c.market());
        }
        Market m = market.get();
        if (m.oracle().reanchorByOperator(now, m.spec(), quarantined()).isEmpty()) {
            return reject(
                    NO_FRESH_SOURCE,
                    "no active oracle source of " + c.market() + " has a price fresher than "
                            + m.spec().maxPriceAgeSeconds() + " s to re-anchor to");
        }
        moved.add(c.market());
        events.add(reanchored(m, now, c.actor(), c.reason()));
        return Optional.empty();
    }

    private Set<String> quarantined() {
        return markets.oracleSources().quarantinedNames();
    }

    private static OracleReanchored reanchored(Market m, long now, String actor, String reason) {
        Reanchor r = m.oracle().lastReanchor().orElseThrow();
        return new OracleReanchored(
                m.spec().market(),
                r.fromPrice(),
                r.toPrice(),
                m.markPrice(),
                m.priceHealthy(now),
                r.cause(),
                actor,
                reason,
                m.oracle().freshPrices(now, m.spec()));
    }
}
