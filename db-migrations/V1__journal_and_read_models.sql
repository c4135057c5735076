-- The journal: every state-changing command with the events it produced, in sequence order.
-- Rows are never deleted; a rollback marks later rows reverted.
CREATE TABLE journal (
    sequence      BIGINT      PRIMARY KEY,
    writer_epoch  BIGINT      NOT NULL,
    ts            BIGINT      NOT NULL,          -- engine time (epoch ms) stamped by the sequencer
    command_type  TEXT        NOT NULL,
    command       JSONB       NOT NULL,
    events        JSONB       NOT NULL,
    actor         TEXT        NOT NULL,
    row_hash      TEXT        NOT NULL,          -- sha256(previous row_hash | this row): a tamper-evident chain
    reverted      BOOLEAN     NOT NULL DEFAULT FALSE,
    committed_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- One row: who may write. Every journal transaction checks epoch; a takeover raises it.
CREATE TABLE writer_lease (
    id            INT         PRIMARY KEY CHECK (id = 1),
    epoch         BIGINT      NOT NULL,
    holder        TEXT        NOT NULL,
    holder_pid    INT,
    acquired_at   TIMESTAMPTZ NOT NULL,
    heartbeat_at  TIMESTAMPTZ NOT NULL
);
INSERT INTO writer_lease (id, epoch, holder, holder_pid, acquired_at, heartbeat_at)
VALUES (1, 0, '', NULL, now(), now());

CREATE TABLE snapshots (
    snapshot_id   TEXT        PRIMARY KEY,
    sequence      BIGINT      NOT NULL UNIQUE,
    state_hash    TEXT        NOT NULL,
    state         BYTEA       NOT NULL,
    reason        TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Read models, written from events in the journal transaction.
CREATE TABLE markets (
    market                       TEXT    PRIMARY KEY,
    tick_size                    NUMERIC NOT NULL,
    step_size                    NUMERIC NOT NULL,
    min_size                     NUMERIC NOT NULL,
    initial_margin_fraction      NUMERIC NOT NULL,
    maintenance_margin_fraction  NUMERIC NOT NULL,
    maker_fee                    NUMERIC NOT NULL,
    taker_fee                    NUMERIC NOT NULL,
    liquidation_fee              NUMERIC NOT NULL,
    funding_interval_seconds     BIGINT  NOT NULL,
    max_funding_rate             NUMERIC NOT NULL,
    price_band_bps               INT     NOT NULL,
    post_only_band_bps           INT     NOT NULL,
    max_price_jump_bps           INT     NOT NULL,
    max_price_age_seconds        BIGINT  NOT NULL,
    state                        TEXT    NOT NULL,
    updated_sequence             BIGINT  NOT NULL
);

CREATE TABLE accounts (
    account_id        TEXT        PRIMARY KEY,
    name              TEXT        NOT NULL,
    created_sequence  BIGINT      NOT NULL,
    created_at        TIMESTAMPTZ NOT NULL
);

CREATE TABLE api_keys (
    key_id            TEXT        PRIMARY KEY,
    role              TEXT        NOT NULL,
    account_id        TEXT        NOT NULL,
    key_hash          TEXT        NOT NULL UNIQUE,
    revoked           BOOLEAN     NOT NULL,
    created_sequence  BIGINT      NOT NULL,
    updated_sequence  BIGINT      NOT NULL
);

CREATE TABLE ledger_entries (
    sequence      BIGINT      NOT NULL,
    entry_index   INT         NOT NULL,          -- position of the transfer among the command's events
    from_account  TEXT        NOT NULL,
    to_account    TEXT        NOT NULL,
    amount        NUMERIC     NOT NULL,
    kind          TEXT        NOT NULL,
    reference     TEXT        NOT NULL,
    from_balance  NUMERIC     NOT NULL,
    to_balance    NUMERIC     NOT NULL,
    time          TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (sequence, entry_index)
);
CREATE INDEX ledger_entries_from ON ledger_entries (from_account, sequence);
CREATE INDEX ledger_entries_to ON ledger_entries (to_account, sequence);

CREATE TABLE balances (
    account           TEXT    PRIMARY KEY,
    balance           NUMERIC NOT NULL,
    updated_sequence  BIGINT  NOT NULL
);

CREATE TABLE trading_state_changes (
    sequence   BIGINT      NOT NULL,
    market     TEXT        NOT NULL,             -- empty for the whole exchange
    from_state TEXT        NOT NULL,
    to_state   TEXT        NOT NULL,
    reason     TEXT        NOT NULL,
    actor      TEXT        NOT NULL,
    forced     BOOLEAN     NOT NULL,
    time       TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (sequence, market)                -- one command may move several markets
);
