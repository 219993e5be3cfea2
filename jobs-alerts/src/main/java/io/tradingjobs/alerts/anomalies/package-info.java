/**
 * The {@code alerts.anomalies} job (the BVMT seed's hourly anomaly scan) and its pure
 * {@link io.tradingjobs.alerts.anomalies.AnomalyDetector}.
 */
package io.tradingjobs.alerts.anomalies;
