-- Trading read models, written from the engine's events inside the journal transaction
-- (io.bulwark.order.OrderProjection, io.bulwark.trade.TradeProjection, io.bulwark.position.PositionProjection).
-- Current state (live orders, positions, the book) is served from the engine; these tables serve history.

-- The latest state of every order, from OrderPlaced and OrderUpdated. Decimals are kept as the engine wrote them.
CREATE TABLE orders (
    order_id            BIGINT      PRIMARY KEY,      -- the sequence of the PlaceOrder command
    client_order_id     TEXT        NOT NULL,         -- empty when none was given
    account_id          TEXT        NOT NULL,
    market              TEXT        NOT NULL,
    side                TEXT        NOT NULL,
    type                TEXT        NOT NULL,
    time_in_force       TEXT        NOT NULL,
    price               NUMERIC,                      -- null for market-type orders
    trigger_price       NUMERIC,                      -- null unless a stop or take-profit
    size                NUMERIC     NOT NULL,
    filled_size         NUMERIC     NOT NULL,
    average_fill_price  NUMERIC,                      -- null until the first fill
    reduce_only         BOOLEAN     NOT NULL,
    status              TEXT        NOT NULL,
    cancel_reason       TEXT,                         -- null unless CANCELLED
    created_at          TIMESTAMPTZ NOT NULL,
    updated_at          TIMESTAMPTZ NOT NULL,
    updated_sequence    BIGINT      NOT NULL          -- the last command that changed the order
);
-- GET /orders?status=FILLED|CANCELLED[&market=]: the account's orders in one status, newest first.
CREATE INDEX orders_account_status ON orders (account_id, status, order_id DESC);
CREATE INDEX orders_account_market_status ON orders (account_id, market, status, order_id DESC);

-- Every trade, once (public: GET /markets/{market}/trades).
CREATE TABLE trades (
    trade_id        TEXT        PRIMARY KEY,          -- "<sequence>-<n>": the n-th trade of that command
    sequence        BIGINT      NOT NULL,
    trade_index     INT         NOT NULL,
    market          TEXT        NOT NULL,
    price           NUMERIC     NOT NULL,
    size            NUMERIC     NOT NULL,
    taker_side      TEXT        NOT NULL,
    taker_order_id  BIGINT      NOT NULL,
    maker_order_id  BIGINT      NOT NULL,
    time            TIMESTAMPTZ NOT NULL,
    UNIQUE (sequence, trade_index)
);
CREATE INDEX trades_market ON trades (market, sequence DESC, trade_index DESC);

-- Each trade seen by each side: two rows per trade ("<tradeId>-T" for the taker, "<tradeId>-M" for the maker).
CREATE TABLE fills (
    fill_id      TEXT        PRIMARY KEY,
    trade_id     TEXT        NOT NULL,
    sequence     BIGINT      NOT NULL,
    trade_index  INT         NOT NULL,
    account_id   TEXT        NOT NULL,
    order_id     BIGINT      NOT NULL,
    market       TEXT        NOT NULL,
    side         TEXT        NOT NULL,
    price        NUMERIC     NOT NULL,
    size         NUMERIC     NOT NULL,
    fee          NUMERIC     NOT NULL,                -- signed: negative is a maker rebate
    liquidity    TEXT        NOT NULL,                -- MAKER or TAKER
    time         TIMESTAMPTZ NOT NULL
);
-- GET /fills[?market=]: the account's fills, newest first. Self-trades never happen, so (sequence, trade_index)
-- identifies a fill within one account.
CREATE INDEX fills_account ON fills (account_id, sequence DESC, trade_index DESC);
CREATE INDEX fills_account_market ON fills (account_id, market, sequence DESC, trade_index DESC);
-- The fills of given orders (an order's representation carries its fills).
CREATE INDEX fills_order ON fills (order_id);

-- The latest position of every account in every market it has traded, from PositionChanged (size 0: flat).
CREATE TABLE positions (
    account_id        TEXT    NOT NULL,
    market            TEXT    NOT NULL,
    size              NUMERIC NOT NULL,               -- signed: negative is short
    entry_price       NUMERIC NOT NULL,               -- 0 when flat
    cost_basis        NUMERIC NOT NULL,               -- signed exact cost of the open size
    realized_pnl      NUMERIC NOT NULL,
    updated_sequence  BIGINT  NOT NULL,
    PRIMARY KEY (account_id, market)
);
