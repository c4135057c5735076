package io.bulwark.admin;

import io.bulwark.journal.ReadModels;
import io.bulwark.web.ApiException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Pages through the operator acts of the journal ({@link OperatorActs}), newest first, reverted rows included
 * (an act a rollback undid still happened). A trader's commands never appear, so the trail cannot be used to
 * read anyone's orders; key hashes are taken out of the commands that carry them.
 */
@Component
class AuditTrail {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;
    private static final Pattern ACTOR = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");
    private static final Pattern SEQUENCE = Pattern.compile("[0-9]{1,18}");
    private static final Pattern EPOCH_MILLIS = Pattern.compile("[0-9]{1,15}");
    private static final Instant NEVER = Instant.parse("9999-12-31T23:59:59Z");
    /** Fields of a journaled command an operator must not read: the hash of a key is as good as a guess at it. */
    private static final Pattern SECRET_FIELD = Pattern.compile("(?i).*(hash|secret).*");

    private static final String ACTS = """
            SELECT sequence, ts, actor, command_type, command::text, events::text, reverted FROM journal
            WHERE command_type NOT IN (%s)
              AND actor <> '%s'
              AND (actor LIKE '%s%%' OR actor IN (SELECT key_id FROM api_keys WHERE role = 'ADMIN'))
              AND ts >= ? AND ts < ? AND sequence < ? AND (? = '' OR actor = ?)
            ORDER BY sequence DESC
            LIMIT ?
            """.formatted(
                    OperatorActs.NEVER.stream().map(t -> "'" + t + "'").collect(Collectors.joining(", ")),
                    OperatorActs.CLOCK,
                    OperatorActs.SYSTEM_PREFIX);

    private final JdbcTemplate jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    private final ReadModels readModels;

    AuditTrail(DataSource dataSource, ReadModels readModels) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.readModels = readModels;
    }

    /** Acts from {@code from} (inclusive) until {@code to} (exclusive), before sequence {@code before}. */
    List<AuditEntryResponse> page(String from, String to, String actor, String before, int limit) {
        Instant start = from == null || from.isEmpty() ? Instant.EPOCH : instant("from", from);
        Instant end = to == null || to.isEmpty() ? NEVER : instant("to", to);
        if (start.isAfter(end)) {
            throw ApiException.badRequest("from: must not be after to");
        }
        String who = actor == null ? "" : actor;
        if (!who.isEmpty() && !ACTOR.matcher(who).matches()) {
            throw ApiException.badRequest("actor: must be a key id or a system actor such as system:recovery");
        }
        if (before != null && !before.isEmpty() && !SEQUENCE.matcher(before).matches()) {
            throw ApiException.badRequest("before: must be a journal sequence");
        }
        long below = before == null || before.isEmpty() ? Long.MAX_VALUE : Long.parseLong(before);
        readModels.awaitCurrent(); // admin keys come from the api_keys read model
        return jdbc.query(
                ACTS,
                (rs, i) -> new AuditEntryResponse(
                        rs.getLong(1),
                        Instant.ofEpochMilli(rs.getLong(2)),
                        rs.getString(3),
                        OperatorActs.isSystem(rs.getString(3)) ? "SYSTEM" : "ADMIN",
                        rs.getString(4),
                        withoutSecrets(json.readTree(rs.getString(5))),
                        eventCounts(json.readTree(rs.getString(6))),
                        rs.getBoolean(7)),
                start.toEpochMilli(),
                end.toEpochMilli(),
                below,
                who,
                who,
                limit);
    }

    private static JsonNode withoutSecrets(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> secret = new ArrayList<>();
            for (String name : object.propertyNames()) {
                if (SECRET_FIELD.matcher(name).matches()) {
                    secret.add(name);
                } else {
                    withoutSecrets(object.get(name));
                }
            }
            object.remove(secret);
        } else if (node.isArray()) {
            node.forEach(AuditTrail::withoutSecrets);
        }
        return node;
    }

    private static Map<String, Integer> eventCounts(JsonNode events) {
        Map<String, Integer> counts = new TreeMap<>();
        events.forEach(e -> counts.merge(e.path("@type").asString(), 1, Integer::sum));
        return counts;
    }

    private static Instant instant(String name, String text) {
        try {
            Instant instant = EPOCH_MILLIS.matcher(text).matches()
                    ? Instant.ofEpochMilli(Long.parseLong(text))
                    : Instant.parse(text);
            if (instant.isAfter(NEVER)) {
                throw new DateTimeException("out of range");
            }
            return instant;
        } catch (DateTimeException e) {
            throw ApiException.badRequest(
                    name + ": must be an ISO-8601 time (2026-12-05T12:00:00Z) or epoch milliseconds");
        }
    }
}
