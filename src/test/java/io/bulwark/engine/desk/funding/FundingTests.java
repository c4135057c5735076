package io.bulwark.engine.desk.funding;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.TradingFloor;
import io.bulwark.engine.command.ResumeFunding;
import io.bulwark.engine.command.StartEngine;
import io.bulwark.engine.command.Tick;
import io.bulwark.engine.command.UpdateMarket;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.FundingHalted;
import io.bulwark.engine.event.FundingPaid;
import io.bulwark.engine.event.FundingSettled;
import io.bulwark.engine.event.Outcome;
import io.bulwark.engine.funding.FundingRate;
import io.bulwark.engine.ledger.Ledger;
import io.bulwark.engine.market.MarketPatch;
import io.bulwark.engine.money.Decimals;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FundingTests {

    static Stream<Arguments> rates() {
        return Stream.of(
                Arguments.of("no samples: no funding", "0", 0, "0"),
                Arguments.of("mean of the samples", "0.006", 3, "0.002"),
                Arguments.of("clamped up to the max", "0.03", 3, "0.005"),
                Arguments.of("clamped down to -max", "-0.03", 3, "-0.005"),
                Arguments.of("rounded half-even to 12 decimals", "0.000000000001", 2, "0"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rates")
    void theRateIsTheClampedMeanPremium(String rule, String sum, long samples, String expected) {
        assertThat(FundingRate.rate(new BigDecimal(sum), samples, BigDecimal.ZERO, new BigDecimal("0.005")))
                .isEqualByComparingTo(expected);
    }

    static Stream<Arguments> guarded() {
        return Stream.of(
                Arguments.of("a hand-built zero index", "12.5", "0", "65000", true, "reset"),
                Arguments.of("a zeroed index far below", "400", "0", "65000", true, "exceeds"),
                Arguments.of("a reset from a small index", "0.01", "0", "65000", true, "reset"),
                Arguments.of("a $0 mark", "12.5", "12.5", "0", true, "not positive"),
                Arguments.of("an unhealthy price", "12.5", "13", "65000", false, "unhealthy"),
                Arguments.of("a step beyond max rate x mark", "0", "325.01", "65000", true, "exceeds"),
                Arguments.of("the max step itself", "0", "325", "65000", true, null),
                Arguments.of("a normal step down", "100", "90", "65000", true, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("guarded")
    void everyNewIndexPassesTheWriteTimeGuard(
            String rule, String from, String to, String mark, boolean healthy, String problem) {
        var refusal = FundingRate.guard(
                new BigDecimal(from), new BigDecimal(to), new BigDecimal(mark), new BigDecimal("0.005"), healthy);
        if (problem == null) {
            assertThat(refusal).isEmpty();
        } else {
            assertThat(refusal).hasValueSatisfying(r -> assertThat(r).contains(problem));
        }
    }

    @Test
    void longsPayShortsExactlyWhenTheBookTradesAboveTheIndex() {
        var floor = fundingEveryMinute();
        var alice = floor.trader("alice", "100000");
        var bob = floor.trader("bob", "100000");
        var carol = floor.trader("carol", "100000");
        alice.sells("1").at("65000").placed();
        bob.buys("1").at("65000").placed(); // bob long 1, alice short 1
        carol.buys("0.5").at("65100").placed();
        carol.sells("0.5").at("65300").placed(); // mid 65200: premium 200 / 65000

        List<Event> events = untilFirstPayment(floor);

        FundingSettled settled = events.stream()
                .filter(FundingSettled.class::isInstance)
                .map(FundingSettled.class::cast)
                .findFirst()
                .orElseThrow();
        assertThat(settled.rate()).isEqualByComparingTo("0.003076923077");
        BigDecimal step = settled.rate().multiply(settled.markPrice());
        List<FundingPaid> paid = events.stream()
                .filter(FundingPaid.class::isInstance)
                .map(FundingPaid.class::cast)
                .toList();
        assertThat(paid).extracting(FundingPaid::accountId).containsExactlyInAnyOrder(alice.accountId, bob.accountId);
        assertThat(paid)
                .filteredOn(p -> p.accountId().equals(bob.accountId))
                .singleElement()
                .satisfies(p -> assertThat(p.amount())
                        .isEqualByComparingTo(step.setScale(Decimals.USD_SCALE, RoundingMode.CEILING)));
        assertThat(paid)
                .filteredOn(p -> p.accountId().equals(alice.accountId))
                .singleElement()
                .satisfies(p -> assertThat(p.amount())
                        .isEqualByComparingTo(step.negate().setScale(Decimals.USD_SCALE, RoundingMode.CEILING)));
        assertThat(floor.view().balance(Ledger.FUNDING).signum()).isNotNegative();
        assertThat(floor.view().ledgerBalances().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add))
                .isZero();
    }

    @Test
    void anUnhealthyPriceAtTheIntervalsEndHaltsFundingAndPaysNothing() {
        var floor = fundingEveryMinute();
        var alice = floor.trader("alice", "100000");
        var bob = floor.trader("bob", "100000");
        alice.sells("1").at("65000").placed();
        bob.buys("1").at("65000").placed();
        BigDecimal before = bob.balance();

        List<Event> events = new ArrayList<>();
        for (int i = 0; i < 200; i++) { // no fresh prices: the index goes stale
            events.addAll(((Outcome.Applied) floor.apply(new Tick())).events());
        }

        assertThat(events).filteredOn(FundingHalted.class::isInstance).hasSize(1);
        assertThat(events).noneMatch(e -> e instanceof FundingPaid || e instanceof FundingSettled);
        assertThat(bob.balance()).isEqualByComparingTo(before);
        assertThat(floor.view().market(TradingFloor.BTC).orElseThrow().funding().haltReason())
                .contains("unhealthy");

        assertThat(floor.apply(new ResumeFunding(TradingFloor.BTC, "ops"))).isInstanceOf(Outcome.Applied.class);
        assertThat(floor.view().market(TradingFloor.BTC).orElseThrow().funding().haltReason())
                .isEmpty();
        assertThat(floor.apply(new ResumeFunding(TradingFloor.BTC, "ops")))
                .as("not halted any more")
                .isInstanceOf(Outcome.Rejected.class);
    }

    /** Ticks, keeping the oracle fresh, until an interval settles with a non-zero rate; its events. */
    private static List<Event> untilFirstPayment(TradingFloor floor) {
        for (int i = 0; i < 600; i++) {
            if (i % 10 == 0) {
                floor.prices("65000");
            }
            List<Event> events = ((Outcome.Applied) floor.apply(new Tick())).events();
            if (events.stream()
                    .anyMatch(e -> e instanceof FundingSettled f && f.rate().signum() != 0)) {
                return events;
            }
        }
        throw new AssertionError("no funding was settled in 10 minutes");
    }

    /** BTC priced at 65000, its funding sampled every 10 s and paid every minute. */
    private static TradingFloor fundingEveryMinute() {
        var floor = new TradingFloor();
        floor.apply(StartEngine.of("test").withFundingSampleSeconds(10));
        floor.apply(new UpdateMarket("BTC-USD-PERP", MarketPatch.NONE.withFundingIntervalSeconds(60L)));
        floor.prices("65000");
        return floor;
    }
}
