package io.bulwark.account;

import io.bulwark.web.ApiException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Pages through an account's ledger entries, newest first. The cursor {@code before} is a position
 * {@code sequence[:index]}: the page holds the entries strictly before it ({@code before=120} means
 * "sequences below 120").
 */
@Service
class LedgerHistory {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final Pattern CURSOR = Pattern.compile("([0-9]{1,18})(?::([0-9]{1,9}))?");

    private final LedgerEntryRepository entries;

    LedgerHistory(LedgerEntryRepository entries) {
        this.entries = entries;
    }

    @Transactional(readOnly = true)
    List<LedgerEntryResponse> page(String account, int limit, String before) {
        long sequence = Long.MAX_VALUE;
        int index = 0;
        if (before != null && !before.isEmpty()) {
            Matcher cursor = CURSOR.matcher(before);
            if (!cursor.matches()) {
                throw ApiException.badRequest("before: must be a cursor like 120 or 120:1");
            }
            sequence = Long.parseLong(cursor.group(1));
            index = cursor.group(2) == null ? 0 : Integer.parseInt(cursor.group(2));
        }
        return entries.findBefore(account, sequence, index, Limit.of(limit)).stream()
                .map(e -> LedgerEntryResponse.of(e, account))
                .toList();
    }
}
