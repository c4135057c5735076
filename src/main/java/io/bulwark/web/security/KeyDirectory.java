package io.bulwark.web.security;

import io.bulwark.engine.EngineView;
import io.bulwark.engine.account.ApiKey;
import io.bulwark.engine.account.HashScheme;
import io.bulwark.engine.event.ApiKeyIssued;
import io.bulwark.engine.event.ApiKeyRevoked;
import io.bulwark.engine.event.Event;
import io.bulwark.journal.Committed;
import io.bulwark.journal.EngineGateway;
import io.bulwark.journal.JournalListener;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The API keys the filter authenticates against, in memory, with their grants (scopes, allowed addresses,
 * expiry): reloaded from the engine after each recovery, then kept current from committed events.
 *
 * <p>The API thread that issued or revoked a key also applies its events here right away (a client may
 * use a new key, or expect a revoked one to fail, before the journal thread has told its listeners).
 * Applying an event twice is harmless; a revocation is never undone by a late issue event.
 */
@Component
public class KeyDirectory implements JournalListener {
    private static final Logger log = LoggerFactory.getLogger(KeyDirectory.class);

    private final Map<String, String> keyIdsByHash = new ConcurrentHashMap<>();
    private final Map<String, ApiKey> keysById = new ConcurrentHashMap<>();
    /** Each key's allowed addresses, parsed once. */
    private final Map<String, List<ClientAddress.Cidr>> blocksById = new ConcurrentHashMap<>();

    /**
     * Ids revoked lately, so a late issue event cannot bring them back; bounded, since such an event
     * trails its revocation by no more than one journal batch.
     */
    private final Set<String> recentlyRevoked = Collections.newSetFromMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > RECENTLY_REVOKED;
        }
    });

    private static final int RECENTLY_REVOKED = 10_000;

    /** The active key with this hash, if any (revoked keys are removed). */
    public Optional<ApiKey> findByHash(String keyHash) {
        return Optional.ofNullable(keyIdsByHash.get(keyHash)).map(keysById::get);
    }

    /** The active key with this hash made by this scheme, if any. */
    public Optional<ApiKey> findByHash(String keyHash, HashScheme scheme) {
        return findByHash(keyHash).filter(k -> k.grant().hashScheme() == scheme);
    }

    /** Whether the key may be used from {@code address} (its allowed blocks; any address if it has none). */
    boolean allows(String keyId, String address) {
        return AllowedIps.permits(blocksById.getOrDefault(keyId, List.of()), address);
    }

    @Override
    public void onCommitted(List<Committed> batch) {
        batch.forEach(c -> apply(c.events()));
    }

    @Override
    public void onRecovered(EngineGateway gateway) {
        List<ApiKey> keys = gateway.query(EngineView::apiKeys);
        synchronized (this) {
            keyIdsByHash.clear();
            keysById.clear();
            blocksById.clear();
            recentlyRevoked.clear();
            keys.forEach(this::add);
        }
        long legacy = keys.stream()
                .filter(k -> !k.revoked() && k.grant().hashScheme() == HashScheme.SHA256)
                .count();
        if (legacy > 0) {
            log.info(
                    "{} active API keys were issued before keyed hashes and are stored as plain SHA-256;"
                            + " reissue them to store them keyed (docs/security.md)",
                    legacy);
        }
    }

    public synchronized void apply(List<? extends Event> events) {
        for (Event event : events) {
            switch (event) {
                case ApiKeyIssued i -> add(i.key());
                case ApiKeyRevoked r -> remove(r.keyId());
                default -> {}
            }
        }
    }

    private void add(ApiKey key) {
        if (key.revoked() || recentlyRevoked.contains(key.keyId())) {
            return;
        }
        // The blocks first: a key is findable only once its limits are known.
        blocksById.computeIfAbsent(
                key.keyId(),
                id -> key.grant().allowedIps().stream()
                        .map(b -> AllowedIps.parse(b)
                                .orElseThrow(
                                        () -> new IllegalStateException("key " + id + " has an unreadable block " + b)))
                        .toList());
        keysById.putIfAbsent(key.keyId(), key);
        keyIdsByHash.putIfAbsent(key.keyHash(), key.keyId());
    }

    private void remove(String keyId) {
        recentlyRevoked.add(keyId);
        ApiKey key = keysById.remove(keyId);
        if (key != null) {
            keyIdsByHash.remove(key.keyHash(), keyId);
        }
        blocksById.remove(keyId);
    }
}
