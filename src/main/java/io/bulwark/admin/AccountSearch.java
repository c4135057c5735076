package io.bulwark.admin;

import io.bulwark.journal.ReadModels;
import io.bulwark.web.ApiException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Finds accounts by name in the {@code accounts} read model: every account whose name starts with {@code name}
 * (letter case ignored, so an exact name finds itself), newest first. The cursor {@code before} is an account
 * id: the page holds the accounts opened before it.
 */
@Component
class AccountSearch {
    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{1,18}");
    private static final Pattern NAME = Pattern.compile("\\P{Cntrl}{1,64}");
    private static final String SEARCH = """
            SELECT account_id, name, created_sequence, created_at FROM accounts
            WHERE lower(name) LIKE ? ESCAPE '\\'
              AND created_sequence < coalesce(
                    (SELECT created_sequence FROM accounts WHERE account_id = ?), 9223372036854775807)
            ORDER BY created_sequence DESC
            LIMIT ?
            """;

    private final JdbcTemplate jdbc;

    private final ReadModels readModels;

    AccountSearch(DataSource dataSource, ReadModels readModels) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.readModels = readModels;
    }

    List<AccountSummaryResponse> find(String name, int limit, String before) {
        String prefix = name == null ? "" : name;
        if (!prefix.isEmpty() && !NAME.matcher(prefix).matches()) {
            throw ApiException.badRequest("name: at most 64 characters, no control characters");
        }
        if (before != null && !before.isEmpty() && !ACCOUNT_ID.matcher(before).matches()) {
            throw ApiException.badRequest("before: must be an account id");
        }
        readModels.awaitCurrent();
        return jdbc.query(
                SEARCH,
                (rs, i) -> new AccountSummaryResponse(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getLong(3),
                        rs.getTimestamp(4).toInstant()),
                likePrefix(prefix),
                before == null ? "" : before,
                limit);
    }

    /** The name as a LIKE pattern that matches itself and what follows: its wildcards taken literally. */
    private static String likePrefix(String name) {
        String literal = name.toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\")
                .replace("%", "\\%")
                .replace("_", "\\_");
        return literal + "%";
    }
}
