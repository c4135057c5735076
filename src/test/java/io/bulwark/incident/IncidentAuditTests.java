package io.bulwark.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.bulwark.engine.TradingFloor;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.FundingPaid;
import io.bulwark.engine.event.FundingSettled;
import io.bulwark.engine.event.Liquidated;
import io.bulwark.engine.event.OraclePriceAccepted;
import io.bulwark.engine.market.MarketSpec;
import io.bulwark.incident.AuditFindings.FundingFinding;
import io.bulwark.incident.AuditFindings.LiquidationFinding;
import io.bulwark.incident.AuditFindings.Verdict;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The audit's arithmetic on journal events written out by hand: funding recomputed at a rate from the reference
 * index (funding intervals are too long to wait for over HTTP), and the cases where no reference exists.
 */
class IncidentAuditTests {
    private static final String M = "ABC-USD-PERP";
    private static final long T = 1_700_000_000_000L;
    private static final MarketSpec SPEC = TradingFloor.btc().withMarket(M);

    private final IncidentAudit audit = new IncidentAudit(
            3, new ReferencePrices(Set.of("evil"), new TreeMap<>(), Map.of(M, SPEC)), Map.of(M, SPEC));

    private static BigDecimal d(String text) {
        return new BigDecimal(text);
    }

    private static OraclePriceAccepted price(String source, String price, String index) {
        return new OraclePriceAccepted(M, source, d(price), T, d(index), d(index), true);
    }

    private void honestAndEvilAt100ThenEvilAt90() {
        audit.row(1, T, List.of(price("honest", "100", "100"), price("evil", "100", "100")));
        audit.row(2, T + 1, List.of(price("honest", "100", "100"), price("honest", "100", "100")));
        audit.row(3, T + 2, List.of(price("evil", "90", "95")));
    }

    @Test
    void fundingIsRecomputedAtARateFromTheReferenceIndexAndOnlyOverpaymentsAreRefunded() {
        honestAndEvilAt100ThenEvilAt90();
        // A premium of 0.4 % over the bad index 95 is a book mid of 95.38: 4.62 % under the honest 100, so
        // shorts would have paid longs the capped 0.5 % × 100 = 1 per unit instead.
        List<Event> settlement = List.of(
                new FundingSettled(M, d("0.004"), d("95"), d("0"), d("0.38"), T + 3),
                new FundingPaid("7", M, d("2"), d("0.004"), d("0.760000")),
                new FundingPaid("8", M, d("-2"), d("0.004"), d("-0.760000")));
        audit.row(4, T + 3, settlement);

        AuditFindings findings = audit.findings();

        FundingFinding long7 = findings.fundingPayments().get(0);
        assertThat(long7.verdict()).isEqualTo(Verdict.OVERPAID);
        assertThat(long7.indexPrice()).isEqualByComparingTo("95");
        assertThat(long7.referencePrice()).isEqualByComparingTo("100");
        assertThat(long7.referenceRate()).isEqualByComparingTo("-0.005");
        assertThat(long7.referenceAmount()).isEqualByComparingTo("-1");
        assertThat(long7.refund()).isEqualByComparingTo("1.76");
        FundingFinding short8 = findings.fundingPayments().get(1);
        assertThat(short8.verdict()).isEqualTo(Verdict.LEGITIMATE);
        assertThat(short8.refund()).isEqualByComparingTo("0");
        assertThat(findings.accounts()).singleElement().satisfies(a -> {
            assertThat(a.accountId()).isEqualTo("7");
            assertThat(a.fundingRefund()).isEqualByComparingTo("1.76");
            assertThat(a.refund()).isEqualByComparingTo("1.76");
        });
        assertThat(findings.totals().fundingRefund()).isEqualByComparingTo("1.76");
    }

    @Test
    void aLiquidationBeforeTheHonestFeedIsHealthyIsUndeterminedAndRowsBeforeTheRangeOnlyFeedPrices() {
        Liquidated early = new Liquidated(
                "9", M, d("1"), d("95"), d("95"), d("95"), d("0.5"), d("0.95"), d("0.5"), d("0"), true, false);
        audit.row(1, T, List.of(price("honest", "100", "100"), price("evil", "90", "95"), early));
        assertThat(audit.findings().liquidations())
                .as("sequence 1 is before the range")
                .isEmpty();

        audit.row(3, T + 1, List.of(early));

        LiquidationFinding finding = audit.findings().liquidations().getFirst();
        assertThat(finding.verdict()).isEqualTo(Verdict.UNDETERMINED);
        assertThat(finding.detail()).contains("no healthy index");
        assertThat(finding.equityAtReference()).isNull();
        assertThat(finding.refund()).isEqualByComparingTo("0");
    }

    @Test
    void aBogusLiquidationWithBadDebtIsRefundedLessWhatTheVaultAlreadyCovered() {
        honestAndEvilAt100ThenEvilAt90();
        // A short of 2 taken over at 95.1 (mark 95): at the honest 100 its equity is 0.4 − 2 × 5 = −9.6, worse
        // still: legitimate. A long of 2 at the same moment would have been well above maintenance: bogus.
        Liquidated shortOne = new Liquidated(
                "10", M, d("-2"), d("95.1"), d("95"), d("95"), d("0.4"), d("1.9"), d("0.4"), d("0"), true, false);
        Liquidated longOne = new Liquidated(
                "11", M, d("2"), d("94.9"), d("95"), d("95"), d("1"), d("1.9"), d("0.5"), d("0.2"), true, false);
        audit.row(4, T + 3, List.of(shortOne, longOne));

        List<LiquidationFinding> found = audit.findings().liquidations();

        assertThat(found.get(0).verdict()).isEqualTo(Verdict.LEGITIMATE);
        assertThat(found.get(0).equityAtReference()).isEqualByComparingTo("-9.6");
        LiquidationFinding bogus = found.get(1);
        // equity 1 + 2 × 5 = 11 ≥ 1.9 + 2 × 5 × 0.01 = 2; refund 0.5 fee + 2 × (100 − 94.9) − 0.2 bad debt.
        assertThat(bogus.verdict()).isEqualTo(Verdict.BOGUS);
        assertThat(bogus.equityAtReference()).isEqualByComparingTo("11");
        assertThat(bogus.requirementAtReference()).isEqualByComparingTo("2");
        assertThat(bogus.priceLoss()).isEqualByComparingTo("10.2");
        assertThat(bogus.refund()).isEqualByComparingTo("10.5");
    }

    @Test
    void aFundingPaymentAnotherIncidentRefundedIsListedAlreadyRefundedAndLeftOutOfTheTotals() {
        honestAndEvilAt100ThenEvilAt90();
        audit.row(
                4,
                T + 3,
                List.of(
                        new FundingSettled(M, d("0.004"), d("95"), d("0"), d("0.38"), T + 3),
                        new FundingPaid("7", M, d("2"), d("0.004"), d("0.760000"))));
        assertThat(audit.itemKeys()).containsExactly("FUNDING/4/7/" + M);

        AuditFindings findings = audit.findings(Map.of("FUNDING/4/7/" + M, "12"));

        FundingFinding long7 = findings.fundingPayments().getFirst();
        assertThat(long7.verdict()).isEqualTo(Verdict.ALREADY_REFUNDED);
        assertThat(long7.refundedBy()).isEqualTo("12");
        assertThat(long7.detail()).contains("incident 12").contains("OVERPAID");
        assertThat(long7.referenceAmount()).as("the evidence stays").isEqualByComparingTo("-1");
        assertThat(long7.refund()).isEqualByComparingTo("0");
        assertThat(findings.accounts()).isEmpty();
        assertThat(findings.totals().refund()).isEqualByComparingTo("0");
        assertThat(findings.totals().alreadyRefunded()).isEqualTo(1);
    }
}
