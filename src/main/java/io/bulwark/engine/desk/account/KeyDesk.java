package io.bulwark.engine.desk.account;

import static io.bulwark.engine.command.Rejection.Code.TOO_MANY_KEYS;
import static io.bulwark.engine.command.Rejection.Code.UNKNOWN_ACCOUNT;
import static io.bulwark.engine.command.Rejection.Code.UNKNOWN_KEY;
import static io.bulwark.engine.command.Rejection.Code.VALIDATION_FAILED;
import static io.bulwark.engine.event.Outcome.reject;

import io.bulwark.engine.account.Accounts;
import io.bulwark.engine.account.ApiKey;
import io.bulwark.engine.account.HashScheme;
import io.bulwark.engine.account.KeyGrant;
import io.bulwark.engine.account.Role;
import io.bulwark.engine.command.IssueApiKey;
import io.bulwark.engine.command.RevokeApiKey;
import io.bulwark.engine.event.ApiKeyIssued;
import io.bulwark.engine.event.ApiKeyRevoked;
import io.bulwark.engine.event.Event;
import io.bulwark.engine.event.Outcome;
import java.util.List;
import java.util.Optional;

/**
 * API keys: issuing ADMIN, ORACLE and further TRADER keys with their grants, and revoking them; the
 * first TRADER key of an account comes with the account ({@link AccountDesk#createAccount}).
 */
final class KeyDesk {
    /**
     * Live (neither revoked nor expired) keys one account may hold, so that a trader cannot grow the state
     * without limit by issuing keys.
     */
    public static final int MAX_LIVE_KEYS_PER_ACCOUNT = 20;

    private final Accounts accounts;

    KeyDesk(Accounts accounts) {
        this.accounts = accounts;
    }

    /**
     * ADMIN and ORACLE keys, and further TRADER keys of an account (SPEC section 10 v2) with their scopes,
     * addresses, expiry and label. A command without a hash scheme (an older build's) issues the key as
     * that build did.
     */
    public Optional<Outcome> issueKey(IssueApiKey c, long now, List<Event> events) {
        Optional<Outcome> problem = c.role() == Role.TRADER ? checkTraderKey(c, now) : checkOperatorKey(c);
        if (problem.isPresent()) {
            return problem;
        }
        Optional<Outcome> keyProblem = checkNewKey(c.keyId(), c.keyHash());
        if (keyProblem.isPresent()) {
            return keyProblem;
        }
        boolean legacy = c.hashScheme() == null;
        KeyGrant grant = legacy
                ? KeyGrant.LEGACY
                : new KeyGrant(
                        KeyGrant.scopesOf(c.scopes()),
                        c.allowedIps() == null ? List.of() : c.allowedIps(),
                        c.expiresAt() == null ? 0 : c.expiresAt(),
                        c.label() == null ? "" : c.label(),
                        now,
                        c.hashScheme());
        String accountId = c.role() == Role.TRADER ? c.accountId() : "";
        String source = c.source() == null ? "" : c.source();
        ApiKey key = new ApiKey(c.keyId(), c.role(), accountId, c.keyHash(), false, source, grant);
        accounts.putKey(key);
        events.add(issued(key, legacy));
        return Optional.empty();
    }

    private Optional<Outcome> checkTraderKey(IssueApiKey c, long now) {
        if (c.hashScheme() == null) {
            return reject(VALIDATION_FAILED, "trader keys are issued with their account");
        }
        if (c.accountId() == null || accounts.account(c.accountId()).isEmpty()) {
            return reject(UNKNOWN_ACCOUNT, "no account " + c.accountId());
        }
        if (c.source() != null) {
            return reject(VALIDATION_FAILED, "only ORACLE keys are bound to a source");
        }
        if (c.scopes() == null || c.scopes().isEmpty()) {
            return reject(VALIDATION_FAILED, "a trader key needs at least one scope");
        }
        long live = accounts.keys().stream()
                .filter(k -> k.accountId().equals(c.accountId())
                        && !k.revoked()
                        && !k.grant().expiredAt(now))
                .count();
        if (live >= MAX_LIVE_KEYS_PER_ACCOUNT) {
            return reject(
                    TOO_MANY_KEYS,
                    "an account may hold at most " + MAX_LIVE_KEYS_PER_ACCOUNT
                            + " live keys; revoke one first (DELETE /api/v1/keys/{keyId})");
        }
        return Optional.empty();
    }

    private static Optional<Outcome> checkOperatorKey(IssueApiKey c) {
        if (c.source() != null && c.role() != Role.ORACLE) {
            return reject(VALIDATION_FAILED, "only ORACLE keys are bound to a source");
        }
        if (c.accountId() != null || c.scopes() != null) {
            return reject(VALIDATION_FAILED, "only TRADER keys belong to an account and have scopes");
        }
        return Optional.empty();
    }

    /** The event of a new key: exactly as older builds wrote it for a command of theirs. */
    static ApiKeyIssued issued(ApiKey key, boolean legacy) {
        String source = key.source().isEmpty() ? null : key.source();
        if (legacy) {
            return new ApiKeyIssued(key.keyId(), key.role(), key.accountId(), key.keyHash(), source);
        }
        KeyGrant g = key.grant();
        return new ApiKeyIssued(
                key.keyId(),
                key.role(),
                key.accountId(),
                key.keyHash(),
                source,
                List.copyOf(g.scopes()),
                g.allowedIps(),
                g.expiresAt() == 0 ? null : g.expiresAt(),
                g.label().isEmpty() ? null : g.label(),
                g.createdAt(),
                g.hashScheme());
    }

    Optional<Outcome> checkNewKey(String keyId, String keyHash) {
        if (accounts.key(keyId).isPresent() || accounts.hasKeyHash(keyHash)) {
            return reject(VALIDATION_FAILED, "key id or key already in use");
        }
        return Optional.empty();
    }

    public Optional<Outcome> revokeKey(RevokeApiKey c, List<Event> events) {
        Optional<ApiKey> key = accounts.key(c.keyId());
        if (key.isEmpty() || key.get().revoked()) {
            return reject(UNKNOWN_KEY, "no active key " + c.keyId());
        }
        ApiKey k = key.get();
        if (k.role() == Role.TRADER && k.grant().hashScheme() != HashScheme.SHA256) {
            // Forgotten rather than kept revoked, so issuing and revoking keys cannot grow the state. A key
            // of an older build's row (plain SHA-256) stays revoked in the state, as that build kept it.
            accounts.removeKey(k.keyId());
        } else {
            accounts.putKey(k.revoke());
        }
        events.add(new ApiKeyRevoked(k.keyId()));
        return Optional.empty();
    }
}
