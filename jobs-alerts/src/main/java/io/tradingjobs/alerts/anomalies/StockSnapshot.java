package io.tradingjobs.alerts.anomalies;

/**
 * What the detector knows about one stock: today's quote and a summary of its recent sessions.
 *
 * @param symbol the instrument (an ISIN on the BVMT)
 * @param ticker a display name
 * @param reference the reference price (previous close), {@code NaN} when unknown
 * @param open today's open, {@code NaN} when unknown
 * @param last the last price
 * @param volume today's volume so far
 * @param averageVolume the mean daily volume of the previous sessions, {@code NaN} when unknown
 * @param recentLimitHits how many of the previous sessions closed at the daily limit
 * @param observedAt when the quote was observed, epoch ms
 */
public record StockSnapshot(String symbol, String ticker, double reference, double open, double last, double volume,
                            double averageVolume, int recentLimitHits, long observedAt) {
}
