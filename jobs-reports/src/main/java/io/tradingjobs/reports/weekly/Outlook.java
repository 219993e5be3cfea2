package io.tradingjobs.reports.weekly;

import io.tradingjobs.reports.metrics.PerformanceMetrics;
import java.util.ArrayList;
import java.util.List;

/**
 * The weekly report's rule-based outlook. The rules, exactly:
 * <ol>
 *   <li><b>Trend</b> of the index's daily closes (at least 5 needed, else "unknown"): with
 *       {@code SMA5} and {@code SMA20} the means of the last 5 and last 20 closes (all closes when
 *       fewer than 20), <i>up</i> when the last close &gt; SMA20 and SMA5 &gt; SMA20, <i>down</i>
 *       when the last close &lt; SMA20 and SMA5 &lt; SMA20, else <i>sideways</i>.</li>
 *   <li><b>Breadth</b> of the week's stock moves: advancers / (advancers + decliners) ≥ 0.60 is
 *       <i>broad</i>, ≤ 0.40 <i>weak</i>, else <i>mixed</i> ("unknown" without moves).</li>
 *   <li><b>Risk</b> is <i>elevated</i> when the 95 % one-day historical VaR of the index is below
 *       −2 % or its drawdown from the window's peak is below −10 %, else <i>normal</i>.</li>
 *   <li><b>Outlook</b>: <i>constructive</i> when trend is up and breadth broad; <i>cautious</i> when
 *       trend is down and breadth weak, or when trend is down and risk elevated; else
 *       <i>neutral</i>.</li>
 * </ol>
 *
 * @param trend up, down, sideways or unknown
 * @param breadth broad, mixed, weak or unknown
 * @param risk elevated, normal or unknown
 * @param outlook constructive, neutral or cautious
 * @param reasons one line per rule with the figures it used
 */
public record Outlook(String trend, String breadth, String risk, String outlook, List<String> reasons) {

    /**
     * Applies the rules.
     *
     * @param closes the index's daily closes, oldest first (the last 20 or more are best)
     * @param advancers stocks up over the week
     * @param decliners stocks down over the week
     */
    public static Outlook of(double[] closes, int advancers, int decliners) {
        List<String> why = new ArrayList<>();
        String trend = "unknown";
        if (closes.length >= 5) {
            double sma5 = mean(closes, 5);
            int n20 = Math.min(20, closes.length);
            double sma20 = mean(closes, n20);
            double last = closes[closes.length - 1];
            trend = last > sma20 && sma5 > sma20 ? "up" : last < sma20 && sma5 < sma20 ? "down" : "sideways";
            why.add(String.format(java.util.Locale.ROOT, "Trend %s: last close %.2f, 5-day mean %.2f, %d-day mean %.2f.", trend, last, sma5, n20, sma20));
        } else {
            why.add("Trend unknown: fewer than 5 daily closes of the index.");
        }
        String breadth = "unknown";
        if (advancers + decliners > 0) {
            double ratio = (double) advancers / (advancers + decliners);
            breadth = ratio >= 0.60 ? "broad" : ratio <= 0.40 ? "weak" : "mixed";
            why.add(String.format(java.util.Locale.ROOT, "Breadth %s: %d advancers, %d decliners (%.0f %% up).", breadth, advancers, decliners,
                    ratio * 100));
        } else {
            why.add("Breadth unknown: no stock moves for the week.");
        }
        String risk = "unknown";
        double[] returns = returns(closes);
        if (returns.length >= 2) {
            double var = PerformanceMetrics.valueAtRisk(returns, 0.05);
            double peak = closes[0];
            for (double c : closes) {
                peak = Math.max(peak, c);
            }
            double fromPeak = closes[closes.length - 1] / peak - 1;
            risk = var < -0.02 || fromPeak < -0.10 ? "elevated" : "normal";
            why.add(String.format(java.util.Locale.ROOT, "Risk %s: one-day VaR 95 %% %.2f %% and %.2f %% from the peak, over the last %d closes.", risk,
                    var * 100, fromPeak * 100, closes.length));
        }
        String outlook = trend.equals("up") && breadth.equals("broad") ? "constructive"
                : trend.equals("down") && (breadth.equals("weak") || risk.equals("elevated")) ? "cautious" : "neutral";
        return new Outlook(trend, breadth, risk, outlook, List.copyOf(why));
    }

    /** Simple returns of consecutive closes. */
    static double[] returns(double[] closes) {
        if (closes.length < 2) {
            return new double[0];
        }
        double[] r = new double[closes.length - 1];
        for (int i = 1; i < closes.length; i++) {
            r[i - 1] = closes[i] / closes[i - 1] - 1;
        }
        return r;
    }

    private static double mean(double[] v, int lastN) {
        double s = 0;
        for (int i = v.length - lastN; i < v.length; i++) {
            s += v[i];
        }
        return s / lastN;
    }
}
