package io.bulwark.engine.oracle;

import io.bulwark.engine.snapshot.CanonicalReader;
import io.bulwark.engine.snapshot.CanonicalWriter;
import java.util.Collection;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The sources an operator has quarantined, exchange-wide (a source name means the same feed in every
 * market). Every other source is ACTIVE.
 */
public final class OracleSources {
    /** Why, by whom and since when (engine time, epoch ms) a source is quarantined. */
    public record Quarantine(String source, String reason, String actor, long since) {}

    private final TreeMap<String, Quarantine> quarantined = new TreeMap<>();

    public SourceState state(String source) {
        return quarantined.containsKey(source) ? SourceState.QUARANTINED : SourceState.ACTIVE;
    }

    public Optional<Quarantine> quarantine(String source) {
        return Optional.ofNullable(quarantined.get(source));
    }

    /** The names of the quarantined sources, read-only. */
    public Set<String> quarantinedNames() {
        return Collections.unmodifiableSet(quarantined.keySet());
    }

    public Collection<Quarantine> all() {
        return Collections.unmodifiableCollection(quarantined.values());
    }

    public void quarantine(String source, String reason, String actor, long now) {
        quarantined.put(source, new Quarantine(source, reason, actor, now));
    }

    public void activate(String source) {
        quarantined.remove(source);
    }

    public void writeTo(CanonicalWriter out) {
        out.writeInt(quarantined.size());
        quarantined
                .values()
                .forEach(q -> out.writeString(q.source())
                        .writeString(q.reason())
                        .writeString(q.actor())
                        .writeLong(q.since()));
    }

    public void readFrom(CanonicalReader in) {
        for (int i = 0, n = in.readInt(); i < n; i++) {
            Quarantine q = new Quarantine(in.readString(), in.readString(), in.readString(), in.readLong());
            quarantined.put(q.source(), q);
        }
    }
}
