-- Market data stored by jobs-market. Times are epoch milliseconds (UTC); prices are doubles,
-- volumes and open interest exact integers. Portable between SQLite and PostgreSQL 15.

CREATE TABLE instruments (
    instrument_key  VARCHAR(64)   NOT NULL,
    source          VARCHAR(16)   NOT NULL,
    exchange        VARCHAR(16)   NOT NULL,
    symbol          VARCHAR(64),
    name            VARCHAR(200),
    isin            VARCHAR(16),
    sector          VARCHAR(100),
    updated_at      BIGINT        NOT NULL,
    CONSTRAINT pk_instruments PRIMARY KEY (instrument_key)
);

CREATE TABLE candles (
    instrument_key  VARCHAR(64)   NOT NULL,
    candle_interval VARCHAR(8)    NOT NULL,
    ts              BIGINT        NOT NULL,
    open_price      DOUBLE PRECISION NOT NULL,
    high_price      DOUBLE PRECISION NOT NULL,
    low_price       DOUBLE PRECISION NOT NULL,
    close_price     DOUBLE PRECISION NOT NULL,
    volume          BIGINT        NOT NULL,
    open_interest   BIGINT        NOT NULL,
    source          VARCHAR(16)   NOT NULL,
    CONSTRAINT pk_candles PRIMARY KEY (instrument_key, candle_interval, ts)
);

CREATE TABLE latest_quotes (
    instrument_key  VARCHAR(64)   NOT NULL,
    symbol          VARCHAR(64),
    last_price      DOUBLE PRECISION NOT NULL,
    open_price      DOUBLE PRECISION,
    high_price      DOUBLE PRECISION,
    low_price       DOUBLE PRECISION,
    close_price     DOUBLE PRECISION,
    net_change      DOUBLE PRECISION,
    volume          BIGINT,
    open_interest   BIGINT,
    quote_time      BIGINT        NOT NULL,
    source          VARCHAR(16)   NOT NULL,
    updated_at      BIGINT        NOT NULL,
    CONSTRAINT pk_latest_quotes PRIMARY KEY (instrument_key)
);

CREATE TABLE option_chain_snapshots (
    underlying_key  VARCHAR(64)   NOT NULL,
    expiry          VARCHAR(10)   NOT NULL,
    strike          DOUBLE PRECISION NOT NULL,
    snapshot_at     BIGINT        NOT NULL,
    spot_price      DOUBLE PRECISION,
    pcr             DOUBLE PRECISION,
    call_key        VARCHAR(64),
    call_ltp        DOUBLE PRECISION,
    call_oi         BIGINT,
    call_volume     BIGINT,
    call_iv         DOUBLE PRECISION,
    call_delta      DOUBLE PRECISION,
    put_key         VARCHAR(64),
    put_ltp         DOUBLE PRECISION,
    put_oi          BIGINT,
    put_volume      BIGINT,
    put_iv          DOUBLE PRECISION,
    put_delta       DOUBLE PRECISION,
    CONSTRAINT pk_option_chain_snapshots PRIMARY KEY (underlying_key, expiry, strike, snapshot_at)
);

CREATE TABLE index_values (
    index_key       VARCHAR(64)   NOT NULL,
    ts              BIGINT        NOT NULL,
    index_value     DOUBLE PRECISION NOT NULL,
    net_change      DOUBLE PRECISION,
    change_percent  DOUBLE PRECISION,
    source          VARCHAR(16)   NOT NULL,
    CONSTRAINT pk_index_values PRIMARY KEY (index_key, ts)
);

CREATE TABLE data_gaps (
    instrument_key  VARCHAR(64)   NOT NULL,
    candle_interval VARCHAR(8)    NOT NULL,
    gap_start       BIGINT        NOT NULL,
    gap_end         BIGINT        NOT NULL,
    missing_bars    INTEGER       NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    reason          VARCHAR(1000),
    attempts        INTEGER       NOT NULL,
    candles_filled  INTEGER       NOT NULL,
    detected_at     BIGINT        NOT NULL,
    updated_at      BIGINT        NOT NULL,
    CONSTRAINT pk_data_gaps PRIMARY KEY (instrument_key, candle_interval, gap_start)
);

CREATE INDEX ix_data_gaps_status ON data_gaps (status, gap_start);

CREATE TABLE pulse_snapshots (
    snapshot_at     BIGINT        NOT NULL,
    isin            VARCHAR(16)   NOT NULL,
    ticker          VARCHAR(32),
    stock_name      VARCHAR(200),
    val_group       VARCHAR(8),
    reference_price DOUBLE PRECISION,
    open_price      DOUBLE PRECISION,
    last_price      DOUBLE PRECISION,
    high_price      DOUBLE PRECISION,
    low_price       DOUBLE PRECISION,
    change_percent  DOUBLE PRECISION,
    volume          BIGINT,
    traded_value    DOUBLE PRECISION,
    caps            DOUBLE PRECISION,
    trade_time      VARCHAR(16),
    simulated       INTEGER       NOT NULL,
    CONSTRAINT pk_pulse_snapshots PRIMARY KEY (snapshot_at, isin)
);

CREATE TABLE sector_performance (
    snapshot_at     BIGINT        NOT NULL,
    sector          VARCHAR(100)  NOT NULL,
    stocks          INTEGER       NOT NULL,
    advancers       INTEGER       NOT NULL,
    decliners       INTEGER       NOT NULL,
    avg_change_percent DOUBLE PRECISION NOT NULL,
    traded_value    DOUBLE PRECISION NOT NULL,
    CONSTRAINT pk_sector_performance PRIMARY KEY (snapshot_at, sector)
);

CREATE TABLE top_movers (
    snapshot_at     BIGINT        NOT NULL,
    direction       VARCHAR(8)    NOT NULL,
    rank_no         INTEGER       NOT NULL,
    isin            VARCHAR(16)   NOT NULL,
    ticker          VARCHAR(32),
    last_price      DOUBLE PRECISION,
    change_percent  DOUBLE PRECISION NOT NULL,
    CONSTRAINT pk_top_movers PRIMARY KEY (snapshot_at, direction, rank_no)
);
