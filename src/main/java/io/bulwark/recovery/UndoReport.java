package io.bulwark.recovery;

import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.FundingPaid;
import io.bulwark.engine.event.Liquidated;
import io.bulwark.engine.event.Traded;
import io.bulwark.engine.event.TransferKind;
import io.bulwark.engine.event.Transferred;
import io.bulwark.engine.ledger.Ledger;
import io.bulwark.engine.money.Decimals;
import io.bulwark.journal.Committed;
import io.bulwark.trade.FillResponse;
import io.bulwark.trade.Liquidity;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a rollback undid, per trading account, from the events of the reverted journal rows: fills,
 * liquidations, funding payments, deposits and withdrawals, each with a count and the items (and the
 * total for money movements). Accounts with nothing undone are left out.
 */
final class UndoReport {
    private UndoReport() {}

    record UndoneLiquidation(
            long sequence,
            String market,
            BigDecimal size,
            BigDecimal price,
            BigDecimal fee,
            boolean deleveraged,
            Instant time) {}

    record UndoneFunding(long sequence, String market, BigDecimal rate, BigDecimal amount, Instant time) {}

    record UndoneTransfer(long sequence, String reference, BigDecimal amount, Instant time) {}

    record Undone<T>(int count, List<T> items) {}

    /** {@code total}: the sum of the items' amounts (funding: > 0 paid, < 0 received). */
    record UndoneMoney<T>(int count, BigDecimal total, List<T> items) {}

    record AccountUndo(
            String accountId,
            Undone<FillResponse> fills,
            Undone<UndoneLiquidation> liquidations,
            UndoneMoney<UndoneFunding> fundingPayments,
            UndoneMoney<UndoneTransfer> deposits,
            UndoneMoney<UndoneTransfer> withdrawals) {}

    private static final class Builder {
        final List<FillResponse> fills = new ArrayList<>();
        final List<UndoneLiquidation> liquidations = new ArrayList<>();
        final List<UndoneFunding> funding = new ArrayList<>();
        final List<UndoneTransfer> deposits = new ArrayList<>();
        final List<UndoneTransfer> withdrawals = new ArrayList<>();

        AccountUndo build(String accountId) {
            return new AccountUndo(
                    accountId,
                    new Undone<>(fills.size(), fills),
                    new Undone<>(liquidations.size(), liquidations),
                    new UndoneMoney<>(funding.size(), total(funding.stream().map(UndoneFunding::amount)), funding),
                    new UndoneMoney<>(deposits.size(), total(deposits.stream().map(UndoneTransfer::amount)), deposits),
                    new UndoneMoney<>(
                            withdrawals.size(), total(withdrawals.stream().map(UndoneTransfer::amount)), withdrawals));
        }

        private static BigDecimal total(java.util.stream.Stream<BigDecimal> amounts) {
            return Decimals.usd(amounts.reduce(BigDecimal.ZERO, BigDecimal::add));
        }
    }

    static List<AccountUndo> of(List<Committed> reverted) {
        Map<String, Builder> accounts = new TreeMap<>();
        for (Committed row : reverted) {
            Instant time = Instant.ofEpochMilli(row.timestamp());
            for (Event event : row.events()) {
                switch (event) {
                    case Traded t -> {
                        for (FillResponse fill : FillResponse.of(t, row.sequence(), row.timestamp())) {
                            String account =
                                    fill.liquidity() == Liquidity.TAKER ? t.takerAccountId() : t.makerAccountId();
                            of(accounts, account).fills.add(fill);
                        }
                    }
                    case Liquidated l ->
                        of(accounts, l.accountId())
                                .liquidations
                                .add(new UndoneLiquidation(
                                        row.sequence(),
                                        l.market(),
                                        l.size(),
                                        l.price(),
                                        l.fee(),
                                        l.deleveraged(),
                                        time));
                    case FundingPaid f ->
                        of(accounts, f.accountId())
                                .funding
                                .add(new UndoneFunding(row.sequence(), f.market(), f.rate(), f.amount(), time));
                    case Transferred t
                    when t.kind() == TransferKind.DEPOSIT && !Ledger.isSystemAccount(t.to()) ->
                        of(accounts, t.to())
                                .deposits
                                .add(new UndoneTransfer(row.sequence(), t.reference(), t.amount(), time));
                    case Transferred t
                    when t.kind() == TransferKind.WITHDRAWAL && !Ledger.isSystemAccount(t.from()) ->
                        of(accounts, t.from())
                                .withdrawals
                                .add(new UndoneTransfer(row.sequence(), t.reference(), t.amount(), time));
                    default -> {}
                }
            }
        }
        return accounts.entrySet().stream()
                .map(e -> e.getValue().build(e.getKey()))
                .toList();
    }

    private static Builder of(Map<String, Builder> accounts, String accountId) {
        return accounts.computeIfAbsent(accountId, id -> new Builder());
    }
}
