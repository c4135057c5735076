-- SPEC section 10 v2, keys and scopes. What a key may do, where from and until when (as the engine holds
-- it); keys issued before scopes existed have every scope, any address and no expiry (NULL below).
ALTER TABLE api_keys
    ADD COLUMN scopes      TEXT,
    ADD COLUMN allowed_ips TEXT,
    ADD COLUMN expires_at  TIMESTAMPTZ,
    ADD COLUMN label       TEXT,
    ADD COLUMN hash_scheme TEXT;

-- When each key was last used, to the minute. Not exchange state and not a read model of the journal: the
-- API writes it every few seconds, off the engine's path; rollbacks and rebuilds leave it alone.
CREATE TABLE api_key_usage (
    key_id        TEXT        PRIMARY KEY,
    last_used_at  TIMESTAMPTZ NOT NULL
);
