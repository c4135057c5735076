package io.bulwark.engine.desk.funding;

import static io.bulwark.engine.command.Rejection.Code.INVALID_TRANSITION;
import static io.bulwark.engine.command.Rejection.Code.UNKNOWN_MARKET;
import static io.bulwark.engine.event.Outcome.reject;

import io.bulwark.engine.command.ResumeFunding;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.FundingHalted;
import io.bulwark.engine.event.FundingPaid;
import io.bulwark.engine.event.FundingResumed;
import io.bulwark.engine.event.FundingSettled;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.event.TransferKind;
import io.bulwark.engine.funding.FundingRate;
import io.bulwark.engine.funding.FundingState;
import io.bulwark.engine.ledger.Ledger;
import io.bulwark.engine.market.MarketSpec;
import io.bulwark.engine.money.Decimals;
import io.bulwark.engine.position.Portfolios;
import io.bulwark.engine.position.Position;
import io.bulwark.engine.state.Market;
import io.bulwark.engine.state.Markets;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/**
 * Drives funding from engine time: a premium sample every sample period, and at each interval's end
 * a new cumulative index (only if it passes the guard) and a payment by every position. Longs pay
 * shorts when the rate is positive. Payments go through the FUNDING clearing account: a payer's
 * amount rounds up and a receiver's down, so funding never creates money.
 */
public final class FundingDesk {
    private final Markets markets;
    private final Portfolios portfolios;
    private final Ledger ledger;

    public FundingDesk(Markets markets, Portfolios portfolios, Ledger ledger) {
        this.markets = markets;
        this.portfolios = portfolios;
        this.ledger = ledger;
    }

    /** An operator resumes a market whose funding the guard halted. */
    public Optional<Outcome> resume(ResumeFunding c, List<Event> events) {
        Optional<Market> market = markets.get(c.market());
        if (market.isEmpty()) {
            return reject(UNKNOWN_MARKET, "no market " + c.market());
        }
        if (!market.get().funding().halted()) {
            return reject(INVALID_TRANSITION, "funding is not halted in " + c.market());
        }
        market.get().funding().resume();
        events.add(new FundingResumed(c.market(), c.actor()));
        return Optional.empty();
    }

    /**
     * Samples and settles what is due at {@code now} for one market. While the market is not OPEN
     * nothing is sampled or paid: the schedule only moves on.
     */
    public void onTick(Market market, boolean open, long now, long samplePeriodMillis, List<Event> events) {
        FundingState f = market.funding();
        MarketSpec spec = market.spec();
        long interval = spec.fundingIntervalSeconds() * 1000;
        if (!f.scheduled()) {
            f.schedule(now, interval, samplePeriodMillis);
            return;
        }
        if (f.halted()) {
            return;
        }
        if (!open) {
            while (f.nextSampleAt() <= now) {
                f.sampleDone(samplePeriodMillis);
            }
            if (now >= f.intervalEnd()) {
                f.clearSamples();
                f.nextInterval(now, interval);
            }
            return;
        }
        boolean healthy = market.priceHealthy(now);
        while (f.nextSampleAt() <= now) {
            if (healthy) {
                BigDecimal premium = FundingRate.premium(market.bookMid(), market.indexPrice());
                f.addPremium(premium);
                market.updateBasisEma(FundingRate.nextEma(market.basisEma(), premium));
            }
            f.sampleDone(samplePeriodMillis);
        }
        if (now >= f.intervalEnd()) {
            settle(market, f, healthy, events);
            f.nextInterval(now, interval);
        }
    }

    private void settle(Market market, FundingState f, boolean healthy, List<Event> events) {
        MarketSpec spec = market.spec();
        BigDecimal rate = FundingRate.rate(f.premiumSum(), f.samples(), BigDecimal.ZERO, spec.maxFundingRate());
        BigDecimal mark = market.markPrice();
        BigDecimal step = mark == null ? BigDecimal.ZERO : rate.multiply(mark);
        BigDecimal next = f.cumulativeIndex().add(step);
        f.clearSamples();
        Optional<String> refusal = FundingRate.guard(f.cumulativeIndex(), next, mark, spec.maxFundingRate(), healthy);
        if (refusal.isPresent()) {
            f.halt(refusal.get());
            events.add(new FundingHalted(spec.market(), refusal.get()));
            return;
        }
        BigDecimal previous = f.cumulativeIndex();
        f.settled(next, rate);
        events.add(new FundingSettled(spec.market(), rate, mark, previous, f.cumulativeIndex(), f.intervalEnd()));
        if (step.signum() != 0) {
            pay(market, rate, step, events);
        }
    }

    private void pay(Market market, BigDecimal rate, BigDecimal indexStep, List<Event> events) {
        String name = market.spec().market();
        BigDecimal stepSize = market.spec().stepSize();
        // Its holders, in account id order (the order of the pass over every portfolio this replaced).
        for (String account : portfolios.holders(name)) {
            Position position =
                    portfolios.get(account).orElseThrow().existingPosition(name).orElseThrow();
            BigDecimal size = position.size(stepSize);
            BigDecimal owed = size.multiply(indexStep);
            BigDecimal amount;
            if (owed.signum() > 0) {
                amount = owed.setScale(Decimals.USD_SCALE, RoundingMode.CEILING); // a payer never pays less
                events.add(ledger.transfer(account, Ledger.FUNDING, amount, TransferKind.FUNDING, "funding:" + name));
            } else {
                amount = owed.setScale(
                        Decimals.USD_SCALE, RoundingMode.CEILING); // toward zero: a receiver never gets more
                if (amount.signum() != 0) {
                    events.add(ledger.transfer(
                            Ledger.FUNDING, account, amount.negate(), TransferKind.FUNDING, "funding:" + name));
                }
            }
            events.add(new FundingPaid(account, name, size, rate, amount));
        }
    }
}
