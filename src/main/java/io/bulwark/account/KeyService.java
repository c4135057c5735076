package io.bulwark.account;

import io.bulwark.engine.account.ApiKey;
import io.bulwark.engine.account.Role;
import io.bulwark.engine.account.Scope;
import io.bulwark.engine.command.IssueApiKey;
import io.bulwark.engine.command.RevokeApiKey;
import io.bulwark.engine.event.ApiKeyIssued;
import io.bulwark.engine.event.Outcome;
import io.bulwark.web.ApiException;
import io.bulwark.web.EngineClient;
import io.bulwark.web.security.AllowedIps;
import io.bulwark.web.security.ApiKeySecret;
import io.bulwark.web.security.Caller;
import io.bulwark.web.security.KeyHasher;
import io.bulwark.web.security.KeyUsage;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Issues, revokes and lists API keys. Secrets are made here and leave only in the issuing answer. */
@Service
class KeyService {
    /** What {@code POST /keys} grants when the request names no scopes (SPEC section 10 v2). */
    static final Set<Scope> DEFAULT_SCOPES = EnumSet.of(Scope.READ, Scope.TRADE);
    /** Far enough for any real key, near enough that epoch milliseconds never overflow. */
    static final Instant LATEST_EXPIRY = Instant.parse("9999-12-31T23:59:59Z");

    private final EngineClient engine;
    private final KeyHasher hasher;
    private final KeyUsage usage;

    KeyService(EngineClient engine, KeyHasher hasher, KeyUsage usage) {
        this.engine = engine;
        this.hasher = hasher;
        this.usage = usage;
    }

    /** {@code source}: the oracle source an ORACLE key is bound to; required for ORACLE, refused for others. */
    IssuedKeyResponse issue(Role role, String source, String actor) {
        if (role == Role.TRADER) {
            throw ApiException.badRequest(
                    "role: TRADER keys are issued with their account (POST /api/v1/admin/accounts) or for it"
                            + " (POST /api/v1/admin/accounts/{accountId}/keys)");
        }
        if (role == Role.ORACLE && source == null) {
            throw ApiException.badRequest(
                    "source: an ORACLE key is bound to the one oracle source it may post prices for");
        }
        if (role != Role.ORACLE && source != null) {
            throw ApiException.badRequest("source: only ORACLE keys are bound to a source");
        }
        ApiKeySecret key = hasher.generate();
        engine.apply(
                new IssueApiKey(
                        key.keyId(), role, key.keyHash(), source, null, null, null, null, null, hasher.scheme()),
                actor);
        return new IssuedKeyResponse(key.keyId(), role, source, key.secret());
    }

    /** A trader's own further key: only scopes the calling key holds (403 {@code SCOPE_REQUIRED} else). */
    IssuedTraderKeyResponse issueOwn(Caller caller, NewTraderKeyRequest request) {
        Set<Scope> scopes = request.scopes() == null ? DEFAULT_SCOPES : EnumSet.copyOf(request.scopes());
        Optional<Scope> missing =
                scopes.stream().filter(s -> !caller.scopes().contains(s)).findFirst();
        if (missing.isPresent()) {
            throw scopeRequired(missing.get(), "a key can only issue keys with scopes it holds itself");
        }
        return issueTrader(caller.accountId(), scopes, request, caller.actor());
    }

    /** An operator's key for an account, e.g. one that lost its own. */
    IssuedTraderKeyResponse issueFor(String accountId, NewTraderKeyRequest request, String actor) {
        if (request.scopes() == null) {
            throw ApiException.badRequest("scopes: name the key's scopes (READ, TRADE, WITHDRAW)");
        }
        return issueTrader(accountId, EnumSet.copyOf(request.scopes()), request, actor);
    }

    private IssuedTraderKeyResponse issueTrader(
            String accountId, Set<Scope> scopes, NewTraderKeyRequest request, String actor) {
        List<String> allowedIps;
        try {
            allowedIps = request.allowedIps() == null ? List.of() : AllowedIps.validate(request.allowedIps());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        Instant expiresAt = expiry(request.expiresAt());
        if (expiresAt != null && !expiresAt.isAfter(Instant.now())) {
            throw ApiException.badRequest("expiresAt: must be in the future");
        }
        if (expiresAt != null && expiresAt.isAfter(LATEST_EXPIRY)) {
            throw ApiException.badRequest("expiresAt: must be before " + LATEST_EXPIRY + " (omit it for no expiry)");
        }
        ApiKeySecret key = hasher.generate();
        IssueApiKey command = new IssueApiKey(
                key.keyId(),
                Role.TRADER,
                key.keyHash(),
                null,
                accountId,
                List.copyOf(scopes),
                allowedIps,
                expiresAt == null ? null : expiresAt.toEpochMilli(),
                request.label(),
                hasher.scheme());
        Outcome.Applied applied = engine.apply(command, actor);
        ApiKey issued = EngineClient.event(applied, ApiKeyIssued.class).key();
        return IssuedTraderKeyResponse.of(TraderKeyResponse.of(issued, null), accountId, key.secret());
    }

    /** The account's keys that are not revoked (expired ones too, so their owner can see and remove them). */
    List<TraderKeyResponse> keysOf(String accountId) {
        List<ApiKey> keys = engine.query(view -> view.apiKeys().stream()
                .filter(k -> k.role() == Role.TRADER && k.accountId().equals(accountId) && !k.revoked())
                .sorted(Comparator.comparingLong((ApiKey k) -> k.grant().createdAt())
                        .thenComparing(ApiKey::keyId))
                .toList());
        Map<String, Instant> lastUsed =
                usage.lastUsed(keys.stream().map(ApiKey::keyId).toList());
        return keys.stream()
                .map(k -> TraderKeyResponse.of(k, lastUsed.get(k.keyId())))
                .toList();
    }

    /**
     * Revokes a key of the caller's own account (another account's is 404, as if it did not exist). A key
     * may revoke itself, or a key whose scopes it all holds: a leaked READ key cannot lock the account's
     * trading bot out by revoking its TRADE key.
     */
    void revokeOwn(Caller caller, String keyId) {
        ApiKey key = engine.query(view -> view.apiKeys().stream()
                        .filter(k -> k.keyId().equals(keyId))
                        .findFirst())
                .filter(k -> k.role() == Role.TRADER && k.accountId().equals(caller.accountId()) && !k.revoked())
                .orElseThrow(() -> ApiException.notFound("KEY_NOT_FOUND", "no active key " + keyId));
        if (!keyId.equals(caller.keyId())) {
            Optional<Scope> missing = key.grant().scopes().stream()
                    .filter(s -> !caller.scopes().contains(s))
                    .findFirst();
            if (missing.isPresent()) {
                throw scopeRequired(
                        missing.get(),
                        "a key may revoke itself or a key whose scopes it holds, and " + keyId + " has "
                                + key.grant().scopes());
            }
        }
        revoke(keyId, caller.actor());
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
        engine.apply(new RevokeApiKey(keyId), actor);
    }

    List<KeyResponse> all() {
        return engine.query(view -> view.apiKeys().stream().map(KeyResponse::of).toList());
    }

    /** A JSON string only: a number would be read as epoch seconds, and a client sending milliseconds errs. */
    private static Instant expiry(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("expiresAt: must be an ISO-8601 instant such as 2027-01-31T00:00:00Z");
        }
    }

    private static ApiException scopeRequired(Scope scope, String why) {
        return new ApiException(
                HttpStatus.FORBIDDEN, "SCOPE_REQUIRED", "this API key lacks the " + scope + " scope: " + why);
    }
}
