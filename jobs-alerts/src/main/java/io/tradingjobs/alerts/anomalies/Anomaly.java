package io.tradingjobs.alerts.anomalies;

/**
 * One anomaly found on one stock.
 *
 * @param symbol the instrument (an ISIN on the BVMT)
 * @param ticker a display name, may equal {@code symbol}
 * @param type the kind
 * @param severity how serious
 * @param value the observed value (volume multiple, move in percent, ...)
 * @param threshold the threshold it crossed
 * @param message one line for people
 * @param observedAt when the quote was observed, epoch ms
 */
public record Anomaly(String symbol, String ticker, AnomalyType type, AnomalySeverity severity, double value, double threshold,
                      String message, long observedAt) {
}
