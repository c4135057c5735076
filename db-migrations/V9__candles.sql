-- SPEC section 10 v2, candles (GET /markets/{market}/candles, the ticker's 24 h figures, the candles channel).
-- One row per market, price kind (trade, mark, index), interval (1m 5m 15m 1h 4h 1d) and open time, written by
-- CandleProjection from the committed events and rebuilt from the journal by a rollback. first_/last_ name the
-- first and last event the candle counts, (sequence, index within the command): an event at or before the last
-- one counted is never counted again.
CREATE TABLE candles (
    market          TEXT        NOT NULL,
    price_kind      TEXT        NOT NULL,
    interval_code   TEXT        NOT NULL,
    open_time       TIMESTAMPTZ NOT NULL,
    open_price      NUMERIC     NOT NULL,
    high_price      NUMERIC     NOT NULL,
    low_price       NUMERIC     NOT NULL,
    close_price     NUMERIC     NOT NULL,
    volume          NUMERIC     NOT NULL,                -- base size traded; 0 for mark and index candles
    quote_volume    NUMERIC     NOT NULL,                -- sum of price x size; 0 for mark and index candles
    trades          BIGINT      NOT NULL,                -- trades counted; 0 for mark and index candles
    first_sequence  BIGINT      NOT NULL,
    first_index     INT         NOT NULL,
    last_sequence   BIGINT      NOT NULL,
    last_index      INT         NOT NULL,
    PRIMARY KEY (market, price_kind, interval_code, open_time)
);
