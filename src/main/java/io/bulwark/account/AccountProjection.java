package io.bulwark.account;

import io.bulwark.engine.event.AccountCreated;
import io.bulwark.engine.event.ApiKeyIssued;
import io.bulwark.engine.event.ApiKeyRevoked;
import io.bulwark.engine.event.Event;
import io.bulwark.journal.Committed;
import io.bulwark.journal.Projection;
import io.bulwark.journal.SqlBatch;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@code accounts} and {@code api_keys} tables. Issue and revoke share one statement text so
 * that {@link SqlBatch}, which batches per text, still applies them in sequence order; a revocation
 * row carries placeholders for the columns it does not change.
 */
@Component
class AccountProjection implements Projection {
    static final String INSERT_ACCOUNT =
            "INSERT INTO accounts (account_id, name, created_sequence, created_at) VALUES (?, ?, ?, ?)";
    static final String UPSERT_KEY = """
            INSERT INTO api_keys AS k (key_id, role, account_id, key_hash, revoked, created_sequence, updated_sequence,
                    source, scopes, allowed_ips, expires_at, label, hash_scheme)
            SELECT ?::text, ?::text, ?::text, ?::text, ?::boolean, ?::bigint, ?::bigint, ?::text, ?::text, ?::text,
                    ?::timestamptz, ?::text, ?::text
            ON CONFLICT (key_id) DO UPDATE SET
                revoked = k.revoked OR EXCLUDED.revoked,
                updated_sequence = EXCLUDED.updated_sequence
            """;

    @Override
    public List<String> tables() {
        return List.of("accounts", "api_keys");
    }

    @Override
    public void project(Committed entry, SqlBatch batch) {
        long seq = entry.sequence();
        for (Event event : entry.events()) {
            switch (event) {
                case AccountCreated a -> batch.add(INSERT_ACCOUNT, a.accountId(), a.name(), seq, time(entry));
                case ApiKeyIssued k ->
                    batch.add(
                            UPSERT_KEY,
                            k.keyId(),
                            k.role().name(),
                            k.accountId(),
                            k.keyHash(),
                            false,
                            seq,
                            seq,
                            k.source(),
                            k.scopes() == null ? null : joined(k.scopes()),
                            k.allowedIps() == null ? null : String.join(",", k.allowedIps()),
                            k.expiresAt() == null
                                    ? null
                                    : OffsetDateTime.ofInstant(Instant.ofEpochMilli(k.expiresAt()), ZoneOffset.UTC),
                            k.label(),
                            k.hashScheme() == null ? null : k.hashScheme().name());
                case ApiKeyRevoked r ->
                    batch.add(
                            UPSERT_KEY,
                            r.keyId(),
                            "",
                            "",
                            "revoked:" + r.keyId(),
                            true,
                            seq,
                            seq,
                            null,
                            null,
                            null,
                            null,
                            null,
                            null);
                default -> {}
            }
        }
    }

    private static String joined(List<? extends Enum<?>> values) {
        return String.join(",", values.stream().map(Enum::name).toList());
    }

    static OffsetDateTime time(Committed entry) {
        return OffsetDateTime.ofInstant(Instant.ofEpochMilli(entry.timestamp()), ZoneOffset.UTC);
    }
}
