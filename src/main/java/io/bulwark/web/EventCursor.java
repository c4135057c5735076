package io.bulwark.web;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A position in event order for paging history newest first: {@code before} is an event id
 * ({@code 120-2}: the second event of its kind in sequence 120) or a bare sequence ({@code 120}: everything
 * below 120). A page holds what lies strictly before it. Events of one command are numbered from 1, so
 * index 0 is "before all of them".
 */
public record EventCursor(long sequence, int index) {
    public static final EventCursor NEWEST = new EventCursor(Long.MAX_VALUE, 0);
    private static final Pattern FORMAT = Pattern.compile("([0-9]{1,18})(?:-([0-9]{1,9}))?");
    private static final Pattern TRADE_FORMAT = Pattern.compile("([0-9]{1,18})(?:-([0-9]{1,9})(?:-[TM])?)?");

    /** The cursor {@code before} names; 400 VALIDATION_FAILED when it is neither an id nor a sequence. */
    public static EventCursor before(String before) {
        return parse(before, FORMAT, "before: must be an id like 120-2, or a sequence");
    }

    /**
     * The cursor {@code before} names in trade order: a trade id ({@code 120-2}), a fill id ({@code 120-2-T},
     * {@code 120-2-M}: its trade) or a bare sequence; 400 VALIDATION_FAILED otherwise.
     */
    public static EventCursor beforeTrade(String before) {
        return parse(
                before, TRADE_FORMAT, "before: must be a trade id like 120-2, a fill id like 120-2-T, or a sequence");
    }

    private static EventCursor parse(String before, Pattern format, String refusal) {
        if (before == null || before.isEmpty()) {
            return NEWEST;
        }
        Matcher m = format.matcher(before);
        if (!m.matches()) {
            throw ApiException.badRequest(refusal);
        }
        return new EventCursor(Long.parseLong(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
    }

    /** The id of the {@code index}-th event of its kind (from 1) in the command at {@code sequence}. */
    public static String id(long sequence, int index) {
        return sequence + "-" + index;
    }

    /** The number of an event within its command: "120-2" is the second of its kind in sequence 120. */
    public static int indexOf(String id) {
        return Integer.parseInt(id.substring(id.indexOf('-') + 1));
    }
}
