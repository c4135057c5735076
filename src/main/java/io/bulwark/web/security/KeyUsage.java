package io.bulwark.web.security;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * When each key was last used ({@code lastUsedAt} in {@code GET /keys}), to the minute. Not exchange state
 * and never a journaled command: a request only updates this map (and only when its minute changed), and a
 * background thread writes the changed minutes to {@code api_key_usage} every {@link #FLUSH_SECONDS}
 * seconds, off the engine's path. A crash loses at most the last few seconds of it.
 */
@Component
public class KeyUsage implements DisposableBean {
    static final long RESOLUTION_MILLIS = 60_000;
    static final long FLUSH_SECONDS = 5;
    private static final Logger log = LoggerFactory.getLogger(KeyUsage.class);
    private static final String UPSERT = """
            INSERT INTO api_key_usage AS u (key_id, last_used_at) VALUES (?, ?)
            ON CONFLICT (key_id) DO UPDATE SET last_used_at = GREATEST(u.last_used_at, EXCLUDED.last_used_at)
            """;

    private final JdbcTemplate jdbc;
    private final Map<String, Long> lastUsed = new ConcurrentHashMap<>();
    private final Set<String> changed = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService flusher;

    public KeyUsage(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "key-usage-flush");
            thread.setDaemon(true);
            return thread;
        });
        flusher.scheduleWithFixedDelay(this::flushQuietly, FLUSH_SECONDS, FLUSH_SECONDS, TimeUnit.SECONDS);
    }

    /** A request authenticated with this key at {@code now} (epoch milliseconds). */
    void used(String keyId, long now) {
        long minute = now - Math.floorMod(now, RESOLUTION_MILLIS);
        Long before = lastUsed.get(keyId);
        if (before == null || before < minute) {
            lastUsed.put(keyId, minute);
            changed.add(keyId);
        }
    }

    /** The last use of each key that has one: this instance's memory, else what an earlier run stored. */
    public Map<String, Instant> lastUsed(Collection<String> keyIds) {
        Map<String, Instant> found = new HashMap<>();
        List<String> unknown = new ArrayList<>();
        for (String id : keyIds) {
            Long minute = lastUsed.get(id);
            if (minute == null) {
                unknown.add(id);
            } else {
                found.put(id, Instant.ofEpochMilli(minute));
            }
        }
        if (!unknown.isEmpty()) {
            jdbc.query(
                    "SELECT key_id, last_used_at FROM api_key_usage WHERE key_id = ANY (?)",
                    rs -> {
                        found.put(rs.getString(1), rs.getTimestamp(2).toInstant());
                    },
                    (Object) unknown.toArray(String[]::new));
        }
        return found;
    }

    /** Writes the minutes that changed since the last flush. */
    public void flush() {
        List<Object[]> rows = new ArrayList<>();
        for (String id : List.copyOf(changed)) {
            changed.remove(id);
            rows.add(new Object[] {id, Timestamp.from(Instant.ofEpochMilli(lastUsed.get(id)))});
        }
        if (rows.isEmpty()) {
            return;
        }
        try {
            jdbc.batchUpdate(UPSERT, rows);
        } catch (RuntimeException e) {
            rows.forEach(r -> changed.add((String) r[0]));
            throw e;
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            log.warn("Could not store API key usage (will retry): {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        flusher.shutdownNow();
        flushQuietly();
    }
}
