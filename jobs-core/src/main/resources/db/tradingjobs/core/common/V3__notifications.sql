-- Notification outbox. One row per event: it is also the "database log" channel, always on.
-- event_key is the caller's de-duplication key: a second event with the same key inserts nothing.
-- Times are epoch milliseconds, UTC.
CREATE TABLE notification_events (
    event_id     VARCHAR(64)   NOT NULL,
    event_key    VARCHAR(300)  NOT NULL,
    severity     VARCHAR(16)   NOT NULL,
    subject      VARCHAR(1000) NOT NULL,
    body         TEXT          NOT NULL,
    source       VARCHAR(200),
    node_id      VARCHAR(200)  NOT NULL,
    created_at   BIGINT        NOT NULL,
    CONSTRAINT pk_notification_events PRIMARY KEY (event_id),
    CONSTRAINT uq_notification_events_key UNIQUE (event_key)
);
CREATE INDEX ix_notification_events_created ON notification_events (created_at);

-- One row per (event, channel) to deliver to. A dispatcher claims a row with a lease
-- (claimed_by, claimed_until) by a conditional UPDATE, so two nodes never send it both.
-- status: PENDING until SENT, or FAILED once its attempts are used up.
CREATE TABLE notification_deliveries (
    event_id         VARCHAR(64)   NOT NULL,
    channel          VARCHAR(64)   NOT NULL,
    status           VARCHAR(16)   NOT NULL,
    attempts         INTEGER       NOT NULL,
    next_attempt_at  BIGINT        NOT NULL,
    claimed_by       VARCHAR(200),
    claimed_until    BIGINT,
    sent_at          BIGINT,
    last_error       VARCHAR(2000),
    CONSTRAINT pk_notification_deliveries PRIMARY KEY (event_id, channel),
    CONSTRAINT fk_notification_deliveries_event FOREIGN KEY (event_id) REFERENCES notification_events (event_id) ON DELETE CASCADE
);
CREATE INDEX ix_notification_deliveries_due ON notification_deliveries (status, next_attempt_at);
