-- v2 oracle limits (SPEC section 6): the window of the jump limit and the largest spread between sources.
-- Markets that exist already get the defaults, as the engine gives them when it reads an older snapshot.
ALTER TABLE markets
    ADD COLUMN price_jump_window_seconds BIGINT NOT NULL DEFAULT 60,
    ADD COLUMN max_source_divergence_bps INT    NOT NULL DEFAULT 200;
ALTER TABLE markets
    ALTER COLUMN price_jump_window_seconds DROP DEFAULT,
    ALTER COLUMN max_source_divergence_bps DROP DEFAULT;

-- The oracle source an ORACLE key is bound to; null for every other key and for ORACLE keys issued
-- before keys were bound to sources (which may post for none).
ALTER TABLE api_keys ADD COLUMN source TEXT;
