package io.tradingjobs.alerts.anomalies;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds anomalies in stock snapshots. Pure and thread-safe: no I/O, no clock.
 *
 * <p>Severity: a volume spike is MEDIUM from the threshold (3x), HIGH from 5x, CRITICAL from 10x;
 * a price move is MEDIUM from the threshold (5 %), HIGH at the daily limit; a move on thin volume
 * is HIGH; repeated limit hits are HIGH, CRITICAL when today is one more limit hit on top of them;
 * an opening gap is LOW, MEDIUM from twice the gap threshold. A stock with a missing, zero or
 * {@code NaN} price is skipped (no anomaly, no exception); one without volume history gets no
 * volume-based anomaly.
 */
public final class AnomalyDetector {
    private static final double LIMIT_TOLERANCE = 0.1; // percent: prices tick, a close "at the limit" may sit just under it

    private final AnomalyThresholds t;

    /** A detector with these thresholds. */
    public AnomalyDetector(AnomalyThresholds thresholds) {
        this.t = thresholds;
    }

    /** Whether {@code movePercent} (signed or not) reaches the daily limit. */
    public boolean atLimit(double movePercent) {
        return Math.abs(movePercent) >= t.dailyLimitPercent() - LIMIT_TOLERANCE;
    }

    /** The anomalies of every snapshot, in order. */
    public List<Anomaly> detectAll(List<StockSnapshot> snapshots) {
        List<Anomaly> out = new ArrayList<>();
        for (StockSnapshot s : snapshots) {
            detect(s, out);
        }
        return out;
    }

    /** Adds the anomalies of {@code s} to {@code out}. */
    public void detect(StockSnapshot s, List<Anomaly> out) {
        if (!(s.last() > 0) || Double.isInfinite(s.last())) {
            return;
        }
        double ratio = s.averageVolume() > 0 && s.volume() >= 0 ? s.volume() / s.averageVolume() : Double.NaN;
        if (ratio >= t.volumeMultiple()) {
            AnomalySeverity sev = ratio >= 10 ? AnomalySeverity.CRITICAL : ratio >= 5 ? AnomalySeverity.HIGH : AnomalySeverity.MEDIUM;
            out.add(new Anomaly(s.symbol(), s.ticker(), AnomalyType.VOLUME_SPIKE, sev, ratio, t.volumeMultiple(),
                    fmt("%s: volume %.0f is %.1fx the %d-session average %.0f", s.ticker(), s.volume(), ratio, t.averageSessions(),
                            s.averageVolume()), s.observedAt()));
        }
        if (s.reference() > 0) {
            double move = (s.last() / s.reference() - 1) * 100;
            boolean limit = atLimit(move);
            if (Math.abs(move) >= t.priceMovePercent()) {
                out.add(new Anomaly(s.symbol(), s.ticker(), AnomalyType.PRICE_MOVE, limit ? AnomalySeverity.HIGH : AnomalySeverity.MEDIUM,
                        move, t.priceMovePercent(), fmt("%s: %+.2f%% from the reference %.3f to %.3f%s", s.ticker(), move, s.reference(),
                                s.last(), limit ? " (at the daily limit)" : ""), s.observedAt()));
                if (ratio <= t.thinVolumeRatio()) {
                    out.add(new Anomaly(s.symbol(), s.ticker(), AnomalyType.MOVE_ON_THIN_VOLUME, AnomalySeverity.HIGH, move,
                            t.thinVolumeRatio(), fmt("%s: %+.2f%% on only %.2fx the average volume", s.ticker(), move, ratio), s.observedAt()));
                }
            }
            if (s.recentLimitHits() >= t.limitHits() && limit) {
                out.add(new Anomaly(s.symbol(), s.ticker(), AnomalyType.REPEATED_LIMIT_HITS, AnomalySeverity.CRITICAL, s.recentLimitHits() + 1,
                        t.limitHits(), fmt("%s: at the daily limit again (%+.2f%%), after %d limit closes in the last %d sessions",
                                s.ticker(), move, s.recentLimitHits(), t.limitLookback()), s.observedAt()));
            } else if (s.recentLimitHits() >= t.limitHits()) {
                out.add(new Anomaly(s.symbol(), s.ticker(), AnomalyType.REPEATED_LIMIT_HITS, AnomalySeverity.HIGH, s.recentLimitHits(),
                        t.limitHits(), fmt("%s: %d limit closes in the last %d sessions", s.ticker(), s.recentLimitHits(), t.limitLookback()),
                        s.observedAt()));
            }
            if (s.open() > 0) {
                double gap = (s.open() / s.reference() - 1) * 100;
                if (Math.abs(gap) >= t.gapPercent()) {
                    out.add(new Anomaly(s.symbol(), s.ticker(), AnomalyType.OPENING_GAP,
                            Math.abs(gap) >= 2 * t.gapPercent() ? AnomalySeverity.MEDIUM : AnomalySeverity.LOW, gap, t.gapPercent(),
                            fmt("%s: opened %+.2f%% from the reference %.3f", s.ticker(), gap, s.reference()), s.observedAt()));
                }
            }
        }
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
