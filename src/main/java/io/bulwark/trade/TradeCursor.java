package io.bulwark.trade;

import io.bulwark.web.ApiException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A position in trade order, for paging newest first: {@code before} is a trade id ({@code 120-2}), a fill
 * id ({@code 120-2-T}) or a bare sequence ({@code 120}: everything below 120). A page holds what lies
 * strictly before it. Trades of one command are numbered from 1, so index 0 is "before all of them".
 */
record TradeCursor(long sequence, int tradeIndex) {
    static final TradeCursor NEWEST = new TradeCursor(Long.MAX_VALUE, 0);
    private static final Pattern FORMAT = Pattern.compile("([0-9]{1,18})(?:-([0-9]{1,9})(?:-[TM])?)?");

    static TradeCursor before(String before) {
        if (before == null || before.isEmpty()) {
            return NEWEST;
        }
        Matcher m = FORMAT.matcher(before);
        if (!m.matches()) {
            throw ApiException.badRequest(
                    "before: must be a trade id like 120-2, a fill id like 120-2-T, or a sequence");
        }
        return new TradeCursor(Long.parseLong(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
    }

    /** The number of a trade within its command: "120-2" is the second trade of sequence 120. */
    static int indexOf(String tradeId) {
        return Integer.parseInt(tradeId.substring(tradeId.indexOf('-') + 1));
    }
}
