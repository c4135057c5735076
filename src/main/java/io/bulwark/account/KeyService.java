package io.bulwark.account;

import io.bulwark.engine.Outcome;
import io.bulwark.engine.account.ApiKey;
import io.bulwark.engine.account.Role;
import io.bulwark.engine.command.IssueApiKey;
import io.bulwark.engine.command.RevokeApiKey;
import io.bulwark.web.ApiException;
import io.bulwark.web.EngineClient;
import io.bulwark.web.security.ApiKeySecret;
import io.bulwark.web.security.KeyDirectory;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Issues, revokes and lists API keys. Secrets are made here and leave only in the issuing answer. */
@Service
class KeyService {
    private final EngineClient engine;
    private final KeyDirectory directory;

    KeyService(EngineClient engine, KeyDirectory directory) {
        this.engine = engine;
        this.directory = directory;
    }

    /** {@code source}: the oracle source an ORACLE key is bound to; required for ORACLE, refused for others. */
    IssuedKeyResponse issue(Role role, String source, String actor) {
        if (role == Role.TRADER) {
            throw ApiException.badRequest(
                    "role: TRADER keys are issued with their account (POST /api/v1/admin/accounts)");
        }
        if (role == Role.ORACLE && source == null) {
            throw ApiException.badRequest(
                    "source: an ORACLE key is bound to the one oracle source it may post prices for");
        }
        if (role != Role.ORACLE && source != null) {
            throw ApiException.badRequest("source: only ORACLE keys are bound to a source");
        }
        ApiKeySecret key = ApiKeySecret.generate();
        Outcome.Applied applied = engine.apply(new IssueApiKey(key.keyId(), role, key.keyHash(), source), actor);
        directory.apply(applied.events());
        return new IssuedKeyResponse(key.keyId(), role, source, key.secret());
    }

    void revoke(String keyId, String actor) {
        List<ApiKey> activeAdmins = engine.query(view -> view.apiKeys().stream()
                .filter(k -> k.role() == Role.ADMIN && !k.revoked())
                .toList());
        if (activeAdmins.size() == 1 && activeAdmins.getFirst().keyId().equals(keyId)) {
            throw new ApiException(
                    HttpStatus.CONFLICT,
                    "LAST_ADMIN_KEY",
                    "refusing to revoke the last active admin key: issue another admin key first");
        }
        Outcome.Applied applied = engine.apply(new RevokeApiKey(keyId), actor);
        directory.apply(applied.events());
    }

    List<KeyResponse> all() {
        return engine.query(view -> view.apiKeys().stream().map(KeyResponse::of).toList());
    }
}
