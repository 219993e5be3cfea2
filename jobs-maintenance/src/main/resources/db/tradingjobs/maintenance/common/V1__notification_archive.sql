-- Notifications moved out of the core's outbox (notification_events) by maintenance.cleanup,
-- so the outbox stays small and nothing is lost. deliveries keeps each channel's final state,
-- e.g. "email:SENT;telegram:FAILED". Times are epoch milliseconds, UTC.
CREATE TABLE notification_archive (
    event_id     VARCHAR(64)   NOT NULL,
    event_key    VARCHAR(300)  NOT NULL,
    severity     VARCHAR(16)   NOT NULL,
    subject      VARCHAR(1000) NOT NULL,
    body         TEXT          NOT NULL,
    source       VARCHAR(200),
    node_id      VARCHAR(200)  NOT NULL,
    created_at   BIGINT        NOT NULL,
    deliveries   VARCHAR(4000),
    archived_at  BIGINT        NOT NULL,
    CONSTRAINT pk_notification_archive PRIMARY KEY (event_id)
);
CREATE INDEX ix_notification_archive_created ON notification_archive (created_at);
CREATE INDEX ix_notification_archive_key ON notification_archive (event_key);
