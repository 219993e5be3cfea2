-- NSE index constituents as history: one row per membership period of a symbol in an index.
-- A member that leaves keeps its row with left_on set; a later rejoin opens a new period.
-- Dates are ISO yyyy-MM-dd text (the exchange's date, Asia/Kolkata); times epoch ms, UTC.
-- placeholder marks rows such as 'Dummy Siemens Ltd.' that NSE lists after a demerger.
CREATE TABLE nse_index_membership (
    index_name     VARCHAR(64)   NOT NULL,
    symbol         VARCHAR(64)   NOT NULL,
    first_seen     VARCHAR(10)   NOT NULL,
    last_seen      VARCHAR(10)   NOT NULL,
    left_on        VARCHAR(10),
    isin           VARCHAR(32)   NOT NULL,
    company_name   VARCHAR(300)  NOT NULL,
    industry       VARCHAR(200)  NOT NULL,
    series         VARCHAR(8)    NOT NULL,
    placeholder    BOOLEAN       NOT NULL,
    updated_at     BIGINT        NOT NULL,
    CONSTRAINT pk_nse_index_membership PRIMARY KEY (index_name, symbol, first_seen)
);
CREATE INDEX ix_nse_index_membership_current ON nse_index_membership (index_name, left_on);
CREATE INDEX ix_nse_index_membership_symbol ON nse_index_membership (symbol);

-- The industry NSE gives a symbol in its index files (latest seen).
CREATE TABLE nse_sector_info (
    symbol         VARCHAR(64)   NOT NULL,
    industry       VARCHAR(200)  NOT NULL,
    company_name   VARCHAR(300)  NOT NULL,
    isin           VARCHAR(32)   NOT NULL,
    updated_at     BIGINT        NOT NULL,
    CONSTRAINT pk_nse_sector_info PRIMARY KEY (symbol)
);

-- Corporate actions and announcements from NSE and BSE, one row per event whichever exchange
-- reported it (exchanges lists them, e.g. 'BSE,NSE'). event_key is the exchange-independent
-- de-duplication key. Amounts are exact decimal text; ratios are 'new:held'.
CREATE TABLE corporate_announcements (
    event_key          VARCHAR(300)  NOT NULL,
    symbol             VARCHAR(64)   NOT NULL,
    isin               VARCHAR(32),
    company_name       VARCHAR(300),
    action_type        VARCHAR(16)   NOT NULL,
    exchanges          VARCHAR(32)   NOT NULL,
    dividend_per_share VARCHAR(32),
    split_from         VARCHAR(32),
    split_to           VARCHAR(32),
    bonus_ratio        VARCHAR(32),
    ex_date            VARCHAR(10),
    record_date        VARCHAR(10),
    event_date         VARCHAR(10),
    subject            TEXT          NOT NULL,
    first_seen_at      BIGINT        NOT NULL,
    updated_at         BIGINT        NOT NULL,
    CONSTRAINT pk_corporate_announcements PRIMARY KEY (event_key)
);
CREATE INDEX ix_corporate_announcements_symbol ON corporate_announcements (symbol, ex_date);

-- Board meetings that consider results (the earnings calendar), one row per symbol and date.
CREATE TABLE earnings_calendar (
    symbol          VARCHAR(64)   NOT NULL,
    meeting_date    VARCHAR(10)   NOT NULL,
    purpose         VARCHAR(2000) NOT NULL,
    company_name    VARCHAR(300),
    isin            VARCHAR(32),
    exchanges       VARCHAR(32)   NOT NULL,
    updated_at      BIGINT        NOT NULL,
    CONSTRAINT pk_earnings_calendar PRIMARY KEY (symbol, meeting_date)
);
