package io.tradingjobs.alerts.anomalies;

import io.tradingjobs.core.config.Config;

/**
 * The detector's thresholds; every one is a setting under {@code alerts.anomalies.}.
 *
 * @param volumeMultiple volume spike when volume / average is at least this (default 3, the seed's)
 * @param priceMovePercent price move when |last / reference - 1| is at least this (default 5, the seed's)
 * @param thinVolumeRatio a large move is "on thin volume" when volume / average is at most this (0.5)
 * @param dailyLimitPercent the exchange's daily price limit (BVMT: 6.09 %)
 * @param limitHits repeated limit hits when this many of the previous sessions closed at a limit (2)
 * @param limitLookback how many previous sessions to look at (5)
 * @param gapPercent an opening gap is at least this far from the reference (3 %)
 * @param averageSessions sessions averaged for the volume baseline (20)
 */
public record AnomalyThresholds(double volumeMultiple, double priceMovePercent, double thinVolumeRatio, double dailyLimitPercent,
                                int limitHits, int limitLookback, double gapPercent, int averageSessions) {

    /** The defaults. */
    public static AnomalyThresholds defaults() {
        return new AnomalyThresholds(3.0, 5.0, 0.5, 6.09, 2, 5, 3.0, 20);
    }

    /** From the {@code alerts.anomalies.*} settings. */
    public static AnomalyThresholds from(Config c) {
        AnomalyThresholds d = defaults();
        return new AnomalyThresholds(c.decimal("alerts.anomalies.volume-multiple", d.volumeMultiple),
                c.decimal("alerts.anomalies.price-move-percent", d.priceMovePercent),
                c.decimal("alerts.anomalies.thin-volume-ratio", d.thinVolumeRatio),
                c.decimal("alerts.anomalies.daily-limit-percent", d.dailyLimitPercent),
                c.integer("alerts.anomalies.limit-hits", d.limitHits),
                c.integer("alerts.anomalies.limit-lookback", d.limitLookback),
                c.decimal("alerts.anomalies.gap-percent", d.gapPercent),
                c.integer("alerts.anomalies.average-sessions", d.averageSessions));
    }
}
