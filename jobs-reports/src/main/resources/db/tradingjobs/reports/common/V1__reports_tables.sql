-- Performance analytics and market reports (jobs-reports). Portable between SQLite and
-- PostgreSQL 15. Money and quantities are exact decimal text (SQLite's NUMERIC is a double);
-- ratios are doubles. Dates are ISO yyyy-MM-dd text, months yyyy-MM, times epoch ms (UTC).

-- Trades the host records (or a TradeSource it binds instead). side is BUY or SELL; fees are
-- what the trade cost, positive. symbol is the instrument key whose stored day candles mark
-- open positions to market (e.g. NSE_EQ|INE002A01018).
CREATE TABLE trades (
    trade_id        VARCHAR(64)   NOT NULL,
    strategy        VARCHAR(100)  NOT NULL,
    symbol          VARCHAR(64)   NOT NULL,
    side            VARCHAR(4)    NOT NULL,
    quantity        VARCHAR(40)   NOT NULL,
    price           VARCHAR(40)   NOT NULL,
    fees            VARCHAR(40)   NOT NULL,
    traded_at       BIGINT        NOT NULL,
    CONSTRAINT pk_trades PRIMARY KEY (trade_id)
);
CREATE INDEX ix_trades_traded_at ON trades (traded_at);

-- The whole book, one row per day: P&L net of fees, equity = capital + cumulative P&L.
CREATE TABLE daily_performance (
    perf_date       VARCHAR(10)   NOT NULL,
    realized_pnl    VARCHAR(40)   NOT NULL,
    unrealized_pnl  VARCHAR(40)   NOT NULL,
    fees            VARCHAR(40)   NOT NULL,
    day_pnl         VARCHAR(40)   NOT NULL,
    cumulative_pnl  VARCHAR(40)   NOT NULL,
    equity          VARCHAR(40)   NOT NULL,
    daily_return    DOUBLE PRECISION,
    trades          INTEGER       NOT NULL,
    closed_trades   INTEGER       NOT NULL,
    winning_trades  INTEGER       NOT NULL,
    losing_trades   INTEGER       NOT NULL,
    computed_at     BIGINT        NOT NULL,
    CONSTRAINT pk_daily_performance PRIMARY KEY (perf_date)
);

-- Month to date, rewritten by each daily run of the month.
CREATE TABLE monthly_performance (
    perf_month      VARCHAR(7)    NOT NULL,
    month_pnl       VARCHAR(40)   NOT NULL,
    monthly_return  DOUBLE PRECISION,
    trading_days    INTEGER       NOT NULL,
    closed_trades   INTEGER       NOT NULL,
    win_rate        DOUBLE PRECISION,
    profit_factor   DOUBLE PRECISION,
    best_day_pnl    VARCHAR(40),
    worst_day_pnl   VARCHAR(40),
    max_drawdown    DOUBLE PRECISION,
    through_date    VARCHAR(10)   NOT NULL,
    computed_at     BIGINT        NOT NULL,
    CONSTRAINT pk_monthly_performance PRIMARY KEY (perf_month)
);

-- Risk of the book's daily returns over the look-back ending on as_of_date.
CREATE TABLE risk_metrics (
    as_of_date      VARCHAR(10)   NOT NULL,
    observations    INTEGER       NOT NULL,
    annual_return   DOUBLE PRECISION,
    annual_volatility DOUBLE PRECISION,
    sharpe          DOUBLE PRECISION,
    sortino         DOUBLE PRECISION,
    max_drawdown    DOUBLE PRECISION,
    calmar          DOUBLE PRECISION,
    var_95          DOUBLE PRECISION,
    benchmark       VARCHAR(64)   NOT NULL,
    benchmark_observations INTEGER NOT NULL,
    beta            DOUBLE PRECISION,
    alpha           DOUBLE PRECISION,
    computed_at     BIGINT        NOT NULL,
    CONSTRAINT pk_risk_metrics PRIMARY KEY (as_of_date)
);

-- Per strategy, as of perf_date (cumulative since the strategy's first trade).
CREATE TABLE strategy_performance (
    perf_date       VARCHAR(10)   NOT NULL,
    strategy        VARCHAR(100)  NOT NULL,
    day_pnl         VARCHAR(40)   NOT NULL,
    total_pnl       VARCHAR(40)   NOT NULL,
    realized_pnl    VARCHAR(40)   NOT NULL,
    unrealized_pnl  VARCHAR(40)   NOT NULL,
    fees            VARCHAR(40)   NOT NULL,
    trades          INTEGER       NOT NULL,
    closed_trades   INTEGER       NOT NULL,
    win_rate        DOUBLE PRECISION,
    profit_factor   DOUBLE PRECISION,
    average_win     VARCHAR(40),
    average_loss    VARCHAR(40),
    expectancy      VARCHAR(40),
    sharpe          DOUBLE PRECISION,
    max_drawdown    DOUBLE PRECISION,
    computed_at     BIGINT        NOT NULL,
    CONSTRAINT pk_strategy_performance PRIMARY KEY (perf_date, strategy)
);

-- Generated reports: the HTML (images referred to as cid:<part>) and its PNG parts, base64.
-- report_id is <kind>-<period_start>; generating the same period again replaces it.
CREATE TABLE reports (
    report_id       VARCHAR(64)   NOT NULL,
    kind            VARCHAR(16)   NOT NULL,
    period_start    VARCHAR(10)   NOT NULL,
    period_end      VARCHAR(10)   NOT NULL,
    title           VARCHAR(300)  NOT NULL,
    html            TEXT          NOT NULL,
    sections        VARCHAR(500)  NOT NULL,
    generated_at    BIGINT        NOT NULL,
    emailed_to      VARCHAR(1000),
    emailed_at      BIGINT,
    CONSTRAINT pk_reports PRIMARY KEY (report_id)
);
CREATE INDEX ix_reports_generated ON reports (generated_at);

CREATE TABLE report_parts (
    report_id       VARCHAR(64)   NOT NULL,
    part_name       VARCHAR(64)   NOT NULL,
    content_type    VARCHAR(64)   NOT NULL,
    content_base64  TEXT          NOT NULL,
    CONSTRAINT pk_report_parts PRIMARY KEY (report_id, part_name)
);
