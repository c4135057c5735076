-- Incident audits (SPEC section 9). The report is derived data, written by the admin service when the
-- audit is made; what was paid is exchange state, recorded by the engine and projected from its events.
CREATE TABLE incidents (
    incident_id    BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reason         TEXT        NOT NULL,
    from_sequence  BIGINT      NOT NULL,
    to_sequence    BIGINT      NOT NULL,
    created_by     TEXT        NOT NULL,
    created_at     TIMESTAMPTZ NOT NULL,
    request        JSONB       NOT NULL,     -- excludeSources and referencePrices as given
    findings       JSONB       NOT NULL      -- the report: findings per item and account, totals
);

-- One row per incident whose refunds the engine paid (IncidentRefunded), in the journal transaction.
CREATE TABLE incident_payments (
    incident_id  TEXT        PRIMARY KEY,
    sequence     BIGINT      NOT NULL,
    total        NUMERIC     NOT NULL,
    accounts     INT         NOT NULL,
    actor        TEXT        NOT NULL,
    time         TIMESTAMPTZ NOT NULL
);

-- One row per account refunded (RefundPaid): what a trader sees in GET /api/v1/refunds.
CREATE TABLE refunds (
    incident_id  TEXT        NOT NULL,
    account_id   TEXT        NOT NULL,
    amount       NUMERIC     NOT NULL,
    sequence     BIGINT      NOT NULL,
    time         TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (incident_id, account_id)
);
CREATE INDEX refunds_account ON refunds (account_id, sequence);
