package io.tradingjobs.alerts.anomalies;

/** How serious an anomaly is; {@link #CRITICAL} ones are notified. */
public enum AnomalySeverity {
    /** Worth a look in the daily report. */
    LOW,
    /** Unusual. */
    MEDIUM,
    /** Very unusual. */
    HIGH,
    /** Needs attention now: notified. */
    CRITICAL
}
