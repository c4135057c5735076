package io.bulwark.account;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A ledger entry seen from one account: {@code amount} is signed (positive credits the account) and
 * {@code balance} is the account's balance after it. {@code cursor} is what to pass as {@code before}
 * for the next (older) page.
 */
record LedgerEntryResponse(
        long sequence,
        int index,
        String cursor,
        Instant time,
        String kind,
        String from,
        String to,
        BigDecimal amount,
        BigDecimal balance,
        String reference) {

    static LedgerEntryResponse of(LedgerEntry e, String account) {
        boolean credit = e.toAccount().equals(account);
        return new LedgerEntryResponse(
                e.sequence(),
                e.entryIndex(),
                e.sequence() + ":" + e.entryIndex(),
                e.time(),
                e.kind(),
                e.fromAccount(),
                e.toAccount(),
                credit ? e.amount() : e.amount().negate(),
                credit ? e.toBalance() : e.fromBalance(),
                e.reference());
    }
}
