package io.tradingjobs.alerts.anomalies;

/** The kinds of anomaly {@code alerts.anomalies} looks for. */
public enum AnomalyType {
    /** Volume over {@code volume-multiple} (3) times the average of the previous sessions. */
    VOLUME_SPIKE,
    /** A move over {@code price-move-percent} (5 %) from the reference (previous close). */
    PRICE_MOVE,
    /**
     * A large move on collapsing volume: the price moved over the move threshold while volume is
     * under {@code thin-volume-ratio} (0.5) of its average. Few shares moving the price is the
     * classic sign of a thin book being pushed (marking the close, painting the tape).
     */
    MOVE_ON_THIN_VOLUME,
    /**
     * The price sits at the daily limit (BVMT: the reference price plus or minus
     * {@code daily-limit-percent}, 6.09 % by default) and already closed at a limit on
     * {@code limit-hits} (2) of the previous {@code limit-lookback} (5) sessions: repeated limit
     * hits suggest a squeeze or information not yet public.
     */
    REPEATED_LIMIT_HITS,
    /** The session opened over {@code gap-percent} (3 %) away from the reference price. */
    OPENING_GAP
}
