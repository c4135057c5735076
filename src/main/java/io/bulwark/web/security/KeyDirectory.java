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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The API keys the filter authenticates against, in memory, with their grants (scopes, allowed addresses,
 * expiry): reloaded from the engine after each recovery, then kept current from committed events, and
 * from nothing else.
 *
 * <p>It hears of each commit before the commit's replies leave ({@link #beforeReplies()}): a client may use
 * a key as soon as the 201 that issued it arrives, and a key is refused as soon as the 204 that revoked it
 * arrives.
 */
@Component
public class KeyDirectory implements JournalListener {
    private static final Logger log = LoggerFactory.getLogger(KeyDirectory.class);

    private final Map<String, String> keyIdsByHash = new ConcurrentHashMap<>();
    private final Map<String, ApiKey> keysById = new ConcurrentHashMap<>();
    /** Each key's allowed addresses, parsed once. */
    private final Map<String, List<ClientAddress.Cidr>> blocksById = new ConcurrentHashMap<>();

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
    public boolean beforeReplies() {
        return true;
    }

    @Override
    public void onRecovered(EngineGateway gateway) {
        List<ApiKey> keys = gateway.query(EngineView::apiKeys);
        synchronized (this) {
            keyIdsByHash.clear();
            keysById.clear();
            blocksById.clear();
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

    synchronized void apply(List<? extends Event> events) {
        for (Event event : events) {
            switch (event) {
                case ApiKeyIssued i -> add(i.key());
                case ApiKeyRevoked r -> remove(r.keyId());
                default -> {}
            }
        }
    }

    private void add(ApiKey key) {
        if (key.revoked()) {
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
        ApiKey key = keysById.remove(keyId);
        if (key != null) {
            keyIdsByHash.remove(key.keyHash(), keyId);
        }
        blocksById.remove(keyId);
    }
}
