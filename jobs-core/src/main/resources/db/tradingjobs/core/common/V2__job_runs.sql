-- Run history: one row per attempt of a job. Times are epoch milliseconds, UTC.
CREATE TABLE job_runs (
    run_id          VARCHAR(64)   NOT NULL,
    job_id          VARCHAR(200)  NOT NULL,
    scheduled_at    BIGINT,
    started_at      BIGINT        NOT NULL,
    finished_at     BIGINT,
    status          VARCHAR(16)   NOT NULL,
    attempt         INTEGER       NOT NULL,
    duration_ms     BIGINT,
    node_id         VARCHAR(200)  NOT NULL,
    trigger_kind    VARCHAR(16)   NOT NULL,
    message         VARCHAR(4000),
    error           TEXT,
    progress_done   BIGINT,
    progress_total  BIGINT,
    CONSTRAINT pk_job_runs PRIMARY KEY (run_id)
);
CREATE INDEX ix_job_runs_job_started ON job_runs (job_id, started_at);
CREATE INDEX ix_job_runs_status_started ON job_runs (status, started_at);
CREATE INDEX ix_job_runs_started ON job_runs (started_at);

-- Exchange calendar days that override the built-in tables: holidays refreshed from the
-- exchange, special sessions (NSE Muhurat or Saturday sessions), shortened days.
-- Times are local exchange times as HH:MM; day is ISO yyyy-MM-dd.
CREATE TABLE calendar_days (
    exchange     VARCHAR(16)   NOT NULL,
    day          VARCHAR(10)   NOT NULL,
    kind         VARCHAR(16)   NOT NULL,
    open_time    VARCHAR(5),
    close_time   VARCHAR(5),
    description  VARCHAR(500),
    source       VARCHAR(200)  NOT NULL,
    updated_at   BIGINT        NOT NULL,
    CONSTRAINT pk_calendar_days PRIMARY KEY (exchange, day)
);
