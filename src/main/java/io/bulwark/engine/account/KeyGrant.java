package io.bulwark.engine.account;

import io.bulwark.engine.snapshot.CanonicalReader;
import io.bulwark.engine.snapshot.CanonicalWriter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What a key may do beyond its role, and how its hash was made (SPEC section 10 v2). {@code scopes} matter
 * for TRADER keys only; {@code allowedIps} are CIDR blocks (empty: any address); {@code expiresAt} is epoch
 * milliseconds (0: never); {@code label} is the owner's note (empty: none); {@code createdAt} is the
 * engine time of issue (0: issued by a build before keys carried it). The API enforces addresses and
 * expiry on every request; the engine only keeps them.
 */
public record KeyGrant(
        Set<Scope> scopes,
        List<String> allowedIps,
        long expiresAt,
        String label,
        long createdAt,
        HashScheme hashScheme) {

    /** A key issued before scopes existed: every scope, any address, no expiry, SHA-256. */
    public static final KeyGrant LEGACY =
            new KeyGrant(EnumSet.allOf(Scope.class), List.of(), 0, "", 0, HashScheme.SHA256);

    public KeyGrant {
        EnumSet<Scope> copy = EnumSet.noneOf(Scope.class);
        copy.addAll(scopes);
        scopes = Collections.unmodifiableSet(copy);
        allowedIps = List.copyOf(allowedIps);
    }

    /** The scopes from a journal row: null (a row of an older build) means all of them. */
    public static Set<Scope> scopesOf(Collection<Scope> scopes) {
        if (scopes == null) {
            return EnumSet.allOf(Scope.class);
        }
        EnumSet<Scope> copy = EnumSet.noneOf(Scope.class);
        copy.addAll(scopes);
        return copy;
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }

    /** Whether the key can no longer authenticate at {@code now} (epoch milliseconds). */
    public boolean expiredAt(long now) {
        return expiresAt != 0 && now >= expiresAt;
    }

    /** Snapshot format 4. */
    public void writeTo(CanonicalWriter out) {
        out.writeInt(scopes.size());
        scopes.forEach(out::writeEnum);
        out.writeInt(allowedIps.size());
        allowedIps.forEach(out::writeString);
        out.writeLong(expiresAt).writeString(label).writeLong(createdAt).writeEnum(hashScheme);
    }

    public static KeyGrant readFrom(CanonicalReader in) {
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (int i = 0, n = in.readInt(); i < n; i++) {
            scopes.add(in.readEnum(Scope.class));
        }
        List<String> ips = new ArrayList<>();
        for (int i = 0, n = in.readInt(); i < n; i++) {
            ips.add(in.readString());
        }
        return new KeyGrant(scopes, ips, in.readLong(), in.readString(), in.readLong(), in.readEnum(HashScheme.class));
    }
}
