package io.tradingjobs.maintenance.internal;

import io.tradingjobs.core.config.ConfigException;
import java.time.Duration;
import java.util.Locale;

/**
 * Rows of {@code table} older than {@code maxAge} are deleted by the retention pruning.
 *
 * @param table the table (skipped when it does not exist)
 * @param maxAge how old a row may get
 * @param column the time column, or null to detect it ({@code job_runs.started_at}, else the first
 *     of {@code ts, timestamp, time, datetime, date, candle_time, created_at, started_at})
 * @param unit how the column stores time, or null to detect it from its type and values
 */
public record RetentionRule(String table, Duration maxAge, String column, Unit unit) {

    /** How a time column stores its values. */
    public enum Unit {
        /** Integer milliseconds since the epoch (the library's own tables). */
        EPOCH_MILLIS,
        /** Integer seconds since the epoch. */
        EPOCH_SECONDS,
        /** ISO-8601 text in UTC ({@code 2026-02-08}, {@code 2026-02-08 10:15:00}, {@code 2026-02-08T10:15:00}). */
        TEXT,
        /** A native date or timestamp type (PostgreSQL). */
        TIMESTAMP;

        static Unit parse(String key, String value) {
            switch (value.trim().toLowerCase(Locale.ROOT)) {
                case "epoch-millis": return EPOCH_MILLIS;
                case "epoch-seconds": return EPOCH_SECONDS;
                case "text": return TEXT;
                case "timestamp": return TIMESTAMP;
                default: throw new ConfigException(key, value, "is not a time unit; use epoch-millis, epoch-seconds, text or timestamp");
            }
        }
    }
}
