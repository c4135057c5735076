package io.bulwark.incident;

import io.bulwark.engine.money.Decimals;
import io.bulwark.incident.AuditFindings.AccountRefund;
import io.bulwark.incident.AuditFindings.FundingFinding;
import io.bulwark.incident.AuditFindings.LiquidationFinding;
import io.bulwark.incident.AuditFindings.Totals;
import io.bulwark.incident.AuditFindings.Verdict;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/** Adds an audit's findings up: the refund each account is owed, and the totals. */
final class RefundTally {
    private static final BigDecimal ZERO = Decimals.usd(BigDecimal.ZERO);

    /** Account ids are decimal numbers: shorter first, then by text, so "9" comes before "10". */
    private static final Comparator<String> ACCOUNT_ORDER =
            Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder());

    private RefundTally() {}

    static AuditFindings of(List<LiquidationFinding> liquidations, List<FundingFinding> funding) {
        List<AccountRefund> accounts = accounts(liquidations, funding);
        BigDecimal liquidationRefund =
                accounts.stream().map(AccountRefund::liquidationRefund).reduce(ZERO, BigDecimal::add);
        BigDecimal fundingRefund =
                accounts.stream().map(AccountRefund::fundingRefund).reduce(ZERO, BigDecimal::add);
        Totals totals = new Totals(
                liquidations.size(),
                count(liquidations, funding, Verdict.BOGUS::equals, v -> false),
                count(liquidations, funding, Verdict.UNDETERMINED::equals, Verdict.UNDETERMINED::equals),
                funding.size(),
                accounts.size(),
                liquidationRefund,
                fundingRefund,
                liquidationRefund.add(fundingRefund),
                count(liquidations, funding, Verdict.ALREADY_REFUNDED::equals, Verdict.ALREADY_REFUNDED::equals));
        return new AuditFindings(List.copyOf(liquidations), List.copyOf(funding), accounts, totals);
    }

    /** Each account owed anything: its liquidation and funding refunds and its bogus liquidations. */
    private static List<AccountRefund> accounts(List<LiquidationFinding> liquidations, List<FundingFinding> funding) {
        Map<String, BigDecimal> liquidationSums = new TreeMap<>(ACCOUNT_ORDER);
        Map<String, BigDecimal> fundingSums = new TreeMap<>(ACCOUNT_ORDER);
        Map<String, Integer> bogusCount = new TreeMap<>(ACCOUNT_ORDER);
        for (LiquidationFinding l : liquidations) {
            startAccount(l.accountId(), liquidationSums, fundingSums);
            liquidationSums.merge(l.accountId(), l.refund(), BigDecimal::add);
            if (l.verdict() == Verdict.BOGUS) {
                bogusCount.merge(l.accountId(), 1, Integer::sum);
            }
        }
        for (FundingFinding f : funding) {
            startAccount(f.accountId(), liquidationSums, fundingSums);
            fundingSums.merge(f.accountId(), f.refund(), BigDecimal::add);
        }
        List<AccountRefund> accounts = new ArrayList<>();
        liquidationSums.forEach((account, liquidation) -> {
            BigDecimal fundingRefund = fundingSums.get(account);
            BigDecimal total = liquidation.add(fundingRefund);
            if (total.signum() > 0) {
                accounts.add(new AccountRefund(
                        account, bogusCount.getOrDefault(account, 0), liquidation, fundingRefund, total));
            }
        });
        return accounts;
    }

    /** Sums start at zero at the ledger scale, so every sum keeps that scale. */
    private static void startAccount(
            String accountId, Map<String, BigDecimal> liquidation, Map<String, BigDecimal> funding) {
        liquidation.putIfAbsent(accountId, ZERO);
        funding.putIfAbsent(accountId, ZERO);
    }

    private static int count(
            List<LiquidationFinding> liquidations,
            List<FundingFinding> funding,
            Predicate<Verdict> liquidation,
            Predicate<Verdict> fundingVerdict) {
        return (int) (liquidations.stream()
                        .filter(l -> liquidation.test(l.verdict()))
                        .count()
                + funding.stream().filter(f -> fundingVerdict.test(f.verdict())).count());
    }
}
