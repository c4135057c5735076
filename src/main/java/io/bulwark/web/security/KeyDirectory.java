package io.bulwark.web.security;

import io.bulwark.engine.EngineView;
import io.bulwark.engine.account.ApiKey;
import io.bulwark.engine.event.ApiKeyIssued;
import io.bulwark.engine.event.ApiKeyRevoked;
import io.bulwark.engine.event.Event;
import io.bulwark.journal.Committed;
import io.bulwark.journal.EngineGateway;
import io.bulwark.journal.JournalListener;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The API keys the filter authenticates against, in memory: reloaded from the engine after each
 * recovery, then kept current from committed events.
 *
 * <p>The API thread that issued or revoked a key also applies its events here right away (a client may
 * use a new key, or expect a revoked one to fail, before the journal thread has told its listeners).
 * Applying an event twice is harmless; a revocation is never undone by a late issue event.
 */
@Component
public class KeyDirectory implements JournalListener {
    private final Map<String, String> keyIdsByHash = new ConcurrentHashMap<>();
    private final Map<String, ApiKey> keysById = new ConcurrentHashMap<>();
    private final Set<String> revoked = ConcurrentHashMap.newKeySet();

    /** The active key with this SHA-256, if any. */
    public Optional<ApiKey> findByHash(String keyHash) {
        return Optional.ofNullable(keyIdsByHash.get(keyHash))
                .filter(id -> !revoked.contains(id))
                .map(keysById::get);
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
            revoked.clear();
            keys.forEach(this::add);
        }
    }

    public synchronized void apply(List<? extends Event> events) {
        for (Event event : events) {
            switch (event) {
                case ApiKeyIssued i ->
                    add(new ApiKey(
                            i.keyId(),
                            i.role(),
                            i.accountId(),
                            i.keyHash(),
                            false,
                            i.source() == null ? "" : i.source()));
                case ApiKeyRevoked r -> revoked.add(r.keyId());
                default -> {}
            }
        }
    }

    private void add(ApiKey key) {
        keysById.putIfAbsent(key.keyId(), key);
        keyIdsByHash.putIfAbsent(key.keyHash(), key.keyId());
        if (key.revoked()) {
            revoked.add(key.keyId());
        }
    }
}
