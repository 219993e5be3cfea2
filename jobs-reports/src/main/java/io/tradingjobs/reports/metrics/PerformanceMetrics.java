package io.tradingjobs.reports.metrics;

import java.util.Arrays;

/**
 * Performance and risk ratios of a series of simple periodic returns ({@code 0.01} is +1 %), with
 * the conventions of Quantopian's empyrical (the library pyfolio and most notebooks use), so the
 * figures match what an analyst gets there.
 *
 * <p>Rules common to every method:
 * <ul>
 *   <li><b>NaN in, NaN out</b>: a NaN anywhere in an input series gives NaN (empyrical skips NaNs
 *       with {@code nanmean}; we refuse to guess what a missing day was).</li>
 *   <li><b>Fewer than 2 returns gives NaN</b>, for every metric (empyrical also returns a
 *       one-period max drawdown and annual return; a single period is not a statistic).</li>
 *   <li><b>Zero volatility</b> divides as empyrical does (IEEE division, as numpy): a positive
 *       numerator over zero is {@code +Infinity}, a negative one {@code -Infinity}, zero over zero
 *       NaN. A series whose values are all equal has exactly zero standard deviation.</li>
 *   <li>{@code periodsPerYear}: {@link #DAILY} 252, {@link #WEEKLY} 52, {@link #MONTHLY} 12.</li>
 * </ul>
 * Pure functions on arrays the caller owns (never modified); thread-safe.
 */
public final class PerformanceMetrics {
    /** Trading days in a year. */
    public static final int DAILY = 252;
    /** Weeks in a year. */
    public static final int WEEKLY = 52;
    /** Months in a year. */
    public static final int MONTHLY = 12;

    private PerformanceMetrics() {
    }

    /**
     * Sharpe ratio: {@code mean(r - rf) / std(r - rf) * sqrt(periodsPerYear)}, the standard
     * deviation with {@code ddof = 1} (sample).
     *
     * @param riskFreePerPeriod the risk-free return of one period (e.g. 0.065 / 252 daily)
     */
    public static double sharpe(double[] returns, double riskFreePerPeriod, int periodsPerYear) {
        if (!usable(returns) || Double.isNaN(riskFreePerPeriod)) {
            return Double.NaN;
        }
        double[] excess = minus(returns, riskFreePerPeriod);
        return mean(excess) / sampleStd(excess) * Math.sqrt(periodsPerYear);
    }

    /**
     * Sortino ratio: {@code mean(r - target) * periodsPerYear / downsideDeviation}, the downside
     * deviation being {@code sqrt(mean over all n returns of min(r - target, 0)^2) * sqrt(periodsPerYear)}
     * (every period counts in the mean, not only the losing ones). No period below the target gives
     * {@code +Infinity} (or NaN when the mean excess is zero), as in empyrical.
     */
    public static double sortino(double[] returns, double targetPerPeriod, int periodsPerYear) {
        if (!usable(returns) || Double.isNaN(targetPerPeriod)) {
            return Double.NaN;
        }
        double[] excess = minus(returns, targetPerPeriod);
        return mean(excess) * periodsPerYear / downsideDeviation(returns, targetPerPeriod, periodsPerYear);
    }

    /** The annualised downside deviation below {@code targetPerPeriod} (see {@link #sortino}). */
    public static double downsideDeviation(double[] returns, double targetPerPeriod, int periodsPerYear) {
        if (!usable(returns) || Double.isNaN(targetPerPeriod)) {
            return Double.NaN;
        }
        double sum = 0;
        for (double r : returns) {
            double d = Math.min(r - targetPerPeriod, 0);
            sum += d * d;
        }
        return Math.sqrt(sum / returns.length) * Math.sqrt(periodsPerYear);
    }

    /**
     * Maximum drawdown of compounded wealth {@code prod(1 + r)}, the starting capital counting as a
     * peak (so a first-period loss is a drawdown). Negative, e.g. {@code -0.25} for 25 %; 0 when
     * wealth never falls below a previous peak.
     */
    public static double maxDrawdown(double[] returns) {
        if (!usable(returns)) {
            return Double.NaN;
        }
        double wealth = 1;
        double peak = 1;
        double worst = 0;
        for (double r : returns) {
            wealth *= 1 + r;
            peak = Math.max(peak, wealth);
            worst = Math.min(worst, (wealth - peak) / peak);
        }
        return worst;
    }

    /**
     * Compound annual growth rate: {@code prod(1 + r) ^ (periodsPerYear / n) - 1}. A series that
     * loses everything gives -1.
     */
    public static double annualReturn(double[] returns, int periodsPerYear) {
        if (!usable(returns)) {
            return Double.NaN;
        }
        double ending = cumulative(returns);
        return Math.pow(ending, (double) periodsPerYear / returns.length) - 1;
    }

    /** The compounded total return {@code prod(1 + r) - 1}; NaN as the other metrics. */
    public static double cumulativeReturn(double[] returns) {
        return usable(returns) ? cumulative(returns) - 1 : Double.NaN;
    }

    /** Annualised volatility: {@code std(r, ddof = 1) * sqrt(periodsPerYear)}. */
    public static double annualVolatility(double[] returns, int periodsPerYear) {
        if (!usable(returns)) {
            return Double.NaN;
        }
        return sampleStd(returns) * Math.sqrt(periodsPerYear);
    }

    /**
     * Calmar ratio: {@link #annualReturn} over the absolute {@link #maxDrawdown}. NaN when there is
     * no drawdown (empyrical's rule) or the ratio is infinite.
     */
    public static double calmar(double[] returns, int periodsPerYear) {
        double dd = maxDrawdown(returns);
        if (Double.isNaN(dd) || dd >= 0) {
            return Double.NaN;
        }
        double ratio = annualReturn(returns, periodsPerYear) / Math.abs(dd);
        return Double.isInfinite(ratio) ? Double.NaN : ratio;
    }

    /**
     * Beta against a benchmark return series of the same periods:
     * {@code cov(r - rf, b - rf) / var(b - rf)}. NaN when the lengths differ, or the benchmark's
     * variance is below 1e-30 (empyrical's cut-off).
     */
    public static double beta(double[] returns, double[] benchmark, double riskFreePerPeriod) {
        if (!usable(returns) || !usable(benchmark) || returns.length != benchmark.length || Double.isNaN(riskFreePerPeriod)) {
            return Double.NaN;
        }
        double[] r = minus(returns, riskFreePerPeriod);
        double[] b = minus(benchmark, riskFreePerPeriod);
        double mb = mean(b);
        double mr = mean(r);
        double cov = 0;
        double var = 0;
        for (int i = 0; i < r.length; i++) {
            double db = b[i] - mb;
            cov += db * (r[i] - mr);
            var += db * db;
        }
        cov /= r.length;
        var /= r.length;
        return var < 1e-30 ? Double.NaN : cov / var;
    }

    /**
     * Jensen's alpha, annualised by compounding as empyrical does:
     * {@code (1 + mean((r - rf) - beta * (b - rf))) ^ periodsPerYear - 1}.
     */
    public static double alpha(double[] returns, double[] benchmark, double riskFreePerPeriod, int periodsPerYear) {
        double beta = beta(returns, benchmark, riskFreePerPeriod);
        if (Double.isNaN(beta)) {
            return Double.NaN;
        }
        double sum = 0;
        for (int i = 0; i < returns.length; i++) {
            sum += (returns[i] - riskFreePerPeriod) - beta * (benchmark[i] - riskFreePerPeriod);
        }
        return Math.pow(1 + sum / returns.length, periodsPerYear) - 1;
    }

    /**
     * Historical value at risk: the {@code cutoff} quantile of the returns (0.05 for 95 %), with
     * linear interpolation between order statistics as numpy's {@code percentile} (empyrical's
     * {@code value_at_risk}). A loss is negative, e.g. {@code -0.021}.
     */
    public static double valueAtRisk(double[] returns, double cutoff) {
        if (!usable(returns) || !(cutoff > 0 && cutoff < 1)) {
            return Double.NaN;
        }
        double[] sorted = returns.clone();
        Arrays.sort(sorted);
        double pos = cutoff * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
    }

    /** Arithmetic mean; NaN for an empty series or one with a NaN. */
    public static double mean(double[] values) {
        if (values == null || values.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** Sample standard deviation (ddof = 1); exactly 0 when every value is equal. */
    static double sampleStd(double[] values) {
        boolean constant = true;
        for (double v : values) {
            if (v != values[0]) {
                constant = false;
                break;
            }
        }
        if (constant) {
            return 0;
        }
        double m = mean(values);
        double sum = 0;
        for (double v : values) {
            double d = v - m;
            sum += d * d;
        }
        return Math.sqrt(sum / (values.length - 1));
    }

    private static boolean usable(double[] returns) {
        if (returns == null || returns.length < 2) {
            return false;
        }
        for (double r : returns) {
            if (Double.isNaN(r)) {
                return false;
            }
        }
        return true;
    }

    private static double cumulative(double[] returns) {
        double w = 1;
        for (double r : returns) {
            w *= 1 + r;
        }
        return w;
    }

    private static double[] minus(double[] values, double x) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i] - x;
        }
        return out;
    }
}
