-- Alert rules, their evaluation state and firings; anomalies; news and sentiment.
-- Times are epoch milliseconds (UTC). Portable between SQLite and PostgreSQL 15.

-- One rule on one symbol (an instrument_key of the market tables). parameters is a small JSON
-- object (threshold, period, ...); channels a comma-separated list of notification channels
-- (empty: every enabled channel; the database log always records the event).
CREATE TABLE alert_rules (
    rule_id         VARCHAR(64)   NOT NULL,
    symbol          VARCHAR(64)   NOT NULL,
    rule_type       VARCHAR(32)   NOT NULL,
    candle_interval VARCHAR(8)    NOT NULL,
    parameters      VARCHAR(2000) NOT NULL,
    channels        VARCHAR(200)  NOT NULL,
    enabled         INTEGER       NOT NULL,
    cooldown_ms     BIGINT        NOT NULL,
    created_at      BIGINT        NOT NULL,
    updated_at      BIGINT        NOT NULL,
    CONSTRAINT pk_alert_rules PRIMARY KEY (rule_id)
);
CREATE INDEX ix_alert_rules_symbol ON alert_rules (enabled, candle_interval, symbol);

-- The last evaluation of each rule: whether its condition held (NULL when it could not be
-- evaluated), on which bar, and when the rule last fired. Updated in the same transaction as
-- the events and notifications, so a restart or a fail-over resumes exactly where it stopped.
CREATE TABLE alert_rule_state (
    rule_id         VARCHAR(64)   NOT NULL,
    last_condition  INTEGER,
    last_bar_ts     BIGINT,
    last_value      DOUBLE PRECISION,
    evaluated_at    BIGINT        NOT NULL,
    last_fired_at   BIGINT,
    CONSTRAINT pk_alert_rule_state PRIMARY KEY (rule_id)
);

-- One row per firing; (rule_id, bar_ts) makes a repeated scan of the same bar harmless.
CREATE TABLE alert_events (
    event_id        VARCHAR(64)   NOT NULL,
    rule_id         VARCHAR(64)   NOT NULL,
    symbol          VARCHAR(64)   NOT NULL,
    rule_type       VARCHAR(32)   NOT NULL,
    bar_ts          BIGINT        NOT NULL,
    fired_at        BIGINT        NOT NULL,
    observed_value  DOUBLE PRECISION,
    threshold       DOUBLE PRECISION,
    message         VARCHAR(1000) NOT NULL,
    CONSTRAINT pk_alert_events PRIMARY KEY (event_id),
    CONSTRAINT uq_alert_events_rule_bar UNIQUE (rule_id, bar_ts)
);
CREATE INDEX ix_alert_events_fired ON alert_events (fired_at);

-- Anomalies found by alerts.anomalies; one per symbol, kind, trading day (observed_at) and severity.
CREATE TABLE alert_anomalies (
    anomaly_id      VARCHAR(64)   NOT NULL,
    symbol          VARCHAR(64)   NOT NULL,
    anomaly_type    VARCHAR(32)   NOT NULL,
    severity        VARCHAR(16)   NOT NULL,
    observed_at     BIGINT        NOT NULL,
    detected_at     BIGINT        NOT NULL,
    observed_value  DOUBLE PRECISION,
    threshold       DOUBLE PRECISION,
    message         VARCHAR(1000) NOT NULL,
    CONSTRAINT pk_alert_anomalies PRIMARY KEY (anomaly_id),
    CONSTRAINT uq_alert_anomalies UNIQUE (symbol, anomaly_type, observed_at, severity)
);
CREATE INDEX ix_alert_anomalies_detected ON alert_anomalies (detected_at);

-- News articles, one per URL (article_id is a hash of the URL).
CREATE TABLE news_articles (
    article_id      VARCHAR(64)   NOT NULL,
    url             VARCHAR(2000) NOT NULL,
    source_kind     VARCHAR(16)   NOT NULL,
    source_name     VARCHAR(200),
    author          VARCHAR(300),
    title           VARCHAR(1000) NOT NULL,
    description     TEXT,
    content         TEXT,
    language        VARCHAR(8),
    symbols         VARCHAR(500)  NOT NULL,
    published_at    BIGINT,
    fetched_at      BIGINT        NOT NULL,
    sentiment_score DOUBLE PRECISION NOT NULL,
    sentiment_label VARCHAR(16)   NOT NULL,
    analyzer        VARCHAR(64)   NOT NULL,
    CONSTRAINT pk_news_articles PRIMARY KEY (article_id)
);
CREATE INDEX ix_news_articles_published ON news_articles (published_at);

-- Sentiment per symbol and per sector and day (heatmap data): scope is 'symbol' or 'sector'.
CREATE TABLE sentiment_history (
    scope           VARCHAR(16)   NOT NULL,
    subject         VARCHAR(100)  NOT NULL,
    bucket_start    BIGINT        NOT NULL,
    articles        INTEGER       NOT NULL,
    positive        INTEGER       NOT NULL,
    negative        INTEGER       NOT NULL,
    neutral         INTEGER       NOT NULL,
    avg_score       DOUBLE PRECISION NOT NULL,
    computed_at     BIGINT        NOT NULL,
    CONSTRAINT pk_sentiment_history PRIMARY KEY (scope, subject, bucket_start)
);
