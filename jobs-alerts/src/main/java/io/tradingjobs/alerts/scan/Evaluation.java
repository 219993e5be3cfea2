package io.tradingjobs.alerts.scan;

/**
 * One rule evaluated on one symbol's bars.
 *
 * @param current the condition at the latest point: {@link #TRUE}, {@link #FALSE} or {@link #UNKNOWN}
 *     (too few bars, a gap)
 * @param previous the condition at the point before, as the series shows it (used when no earlier
 *     evaluation is stored)
 * @param value the observed value (price, RSI, volume multiple, MACD histogram, ...)
 * @param threshold what it was compared with
 * @param pointTime the time of the latest point (bar or quote), epoch ms
 */
public record Evaluation(byte current, byte previous, double value, double threshold, long pointTime) {
    /** The condition holds. */
    public static final byte TRUE = 1;
    /** The condition does not hold. */
    public static final byte FALSE = 0;
    /** The condition cannot be decided (too few bars, a gap, a bad price). */
    public static final byte UNKNOWN = -1;

    static final Evaluation NO_DATA = new Evaluation(UNKNOWN, UNKNOWN, Double.NaN, Double.NaN, Long.MIN_VALUE);

    /** Whether the condition could be decided at the latest point. */
    public boolean known() {
        return current != UNKNOWN;
    }
}
