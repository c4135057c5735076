-- Risk read models, written from the engine's events inside the journal transaction
-- (io.bulwark.funding.FundingProjection, io.bulwark.liquidation.LiquidationProjection). Rows are only ever
-- inserted. Ids are "<sequence>-<n>": the n-th event of that kind in the command (like trade ids), so
-- (sequence, event_index) orders them and pages newest first.

-- Every account's funding for every settled interval, from FundingPaid.
CREATE TABLE funding_payments (
    payment_id      TEXT        PRIMARY KEY,
    sequence        BIGINT      NOT NULL,
    event_index     INT         NOT NULL,
    account_id      TEXT        NOT NULL,
    market          TEXT        NOT NULL,
    position_size   NUMERIC     NOT NULL,             -- signed: negative is short
    rate            NUMERIC     NOT NULL,
    amount          NUMERIC     NOT NULL,             -- signed: > 0 paid, < 0 received
    time            TIMESTAMPTZ NOT NULL,
    UNIQUE (sequence, event_index)
);
CREATE INDEX funding_payments_account ON funding_payments (account_id, sequence DESC, event_index DESC);
CREATE INDEX funding_payments_account_market ON funding_payments (account_id, market, sequence DESC, event_index DESC);

-- Every settled funding interval of every market, from FundingSettled (at most one per market per command).
CREATE TABLE funding_rates (
    market            TEXT        NOT NULL,
    sequence          BIGINT      NOT NULL,
    rate              NUMERIC     NOT NULL,
    mark_price        NUMERIC     NOT NULL,
    previous_index    NUMERIC     NOT NULL,
    cumulative_index  NUMERIC     NOT NULL,
    interval_end      TIMESTAMPTZ NOT NULL,
    time              TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (market, sequence)
);

-- Every liquidation with the fields of SPEC section 7, from Liquidated.
CREATE TABLE liquidations (
    liquidation_id                   TEXT        PRIMARY KEY,
    sequence                         BIGINT      NOT NULL,
    event_index                      INT         NOT NULL,
    account_id                       TEXT        NOT NULL,
    market                           TEXT        NOT NULL,
    size                             NUMERIC     NOT NULL,  -- signed, as the position was
    price                            NUMERIC     NOT NULL,  -- the vault's takeover price (bankruptcy price when deleveraged)
    mark_price                       NUMERIC     NOT NULL,
    index_price                      NUMERIC     NOT NULL,
    equity_before                    NUMERIC     NOT NULL,
    maintenance_requirement_before   NUMERIC     NOT NULL,
    fee                              NUMERIC     NOT NULL,
    bad_debt                         NUMERIC     NOT NULL,
    price_healthy                    BOOLEAN     NOT NULL,
    deleveraged                      BOOLEAN     NOT NULL,
    time                             TIMESTAMPTZ NOT NULL,
    UNIQUE (sequence, event_index)
);
CREATE INDEX liquidations_order ON liquidations (sequence DESC, event_index DESC);
CREATE INDEX liquidations_account ON liquidations (account_id, sequence DESC, event_index DESC);
CREATE INDEX liquidations_market ON liquidations (market, sequence DESC, event_index DESC);

-- Opposing positions closed by auto-deleveraging, from Deleveraged.
CREATE TABLE deleveragings (
    deleveraging_id      TEXT        PRIMARY KEY,
    sequence             BIGINT      NOT NULL,
    event_index          INT         NOT NULL,
    account_id           TEXT        NOT NULL,           -- the trader whose position was closed
    market               TEXT        NOT NULL,
    size                 NUMERIC     NOT NULL,
    price                NUMERIC     NOT NULL,           -- the bankrupt account's price
    bankrupt_account_id  TEXT        NOT NULL,
    time                 TIMESTAMPTZ NOT NULL,
    UNIQUE (sequence, event_index)
);
CREATE INDEX deleveragings_account ON deleveragings (account_id, sequence DESC, event_index DESC);
