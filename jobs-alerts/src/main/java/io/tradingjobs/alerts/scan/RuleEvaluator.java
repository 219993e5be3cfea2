package io.tradingjobs.alerts.scan;

import io.tradingjobs.alerts.indicators.Indicators;
import io.tradingjobs.alerts.rules.AlertRule;
import io.tradingjobs.alerts.rules.RuleType;

/**
 * Evaluates rules on {@link SymbolBars}: the condition at the latest point and at the one before.
 * Reuses its scratch arrays between calls, so one instance serves a whole scan without
 * allocating per rule beyond the result (call {@link SymbolBars#trim()} after loading). Not thread-safe: one per thread.
 *
 * <p>Price rules and breakouts compare the latest quote when it is newer than the last bar (the
 * bar's close otherwise); indicator rules use closed bars only. Too few bars give
 * {@link Evaluation#UNKNOWN}, never an exception.
 */
public final class RuleEvaluator {
    private double[] a = new double[0];
    private double[] b = new double[0];
    private double[] c = new double[0];
    private double[] d = new double[0];

    /** Evaluates {@code rule} on {@code bars}. */
    public Evaluation evaluate(AlertRule rule, SymbolBars bars) {
        return evaluate(rule.type(), rule.parameters().getOrDefault("threshold", Double.NaN), p(rule, "period"), p(rule, "level"),
                p(rule, "multiple"), p(rule, "fast"), p(rule, "slow"), p(rule, "signal"), p(rule, "bars"), bars);
    }

    private static double p(AlertRule rule, String name) {
        Double v = rule.parameters().get(name);
        return v == null ? Double.NaN : v;
    }

    /**
     * Evaluates a rule given by its type and parameters ({@code NaN} for parameters the type does
     * not take), for callers that keep rules in their own form.
     */
    public Evaluation evaluate(RuleType type, double threshold, double period, double level, double multiple,
                               double fast, double slow, double signal, double barsBack, SymbolBars bars) {
        int n = bars.size();
        if (n == 0 && !bars.hasNewerQuote()) {
            return Evaluation.NO_DATA;
        }
        ensure(n);
        double[] close = bars.close();
        long[] ts = bars.ts();
        switch (type) {
            case PRICE_ABOVE:
            case PRICE_BELOW: {
                boolean q = bars.hasNewerQuote();
                double cur = q ? bars.quotePrice() : close[n - 1];
                double prev = q ? (n >= 1 ? close[n - 1] : Double.NaN) : (n >= 2 ? close[n - 2] : Double.NaN);
                long t = q ? bars.quoteTime() : ts[n - 1];
                boolean above = type == RuleType.PRICE_ABOVE;
                return new Evaluation(cmp(cur, threshold, above, false), cmp(prev, threshold, above, false), cur, threshold, t);
            }
            case RSI_OVERBOUGHT:
            case RSI_OVERSOLD: {
                int per = (int) period;
                if (n < per + 1) {
                    return unknown(ts, n);
                }
                double[] r = Indicators.rsi(view(close, n), per, a);
                boolean up = type == RuleType.RSI_OVERBOUGHT;
                return new Evaluation(cmp(r[n - 1], level, up, true), n >= 2 ? cmp(r[n - 2], level, up, true) : Evaluation.UNKNOWN,
                        r[n - 1], level, ts[n - 1]);
            }
            case VOLUME_SPIKE: {
                int per = (int) period;
                if (n < per + 1) {
                    return unknown(ts, n);
                }
                double[] v = Indicators.volumeSpike(view(bars.volume(), n), per, a);
                return new Evaluation(cmp(v[n - 1], multiple, true, true), cmp(v[n - 2], multiple, true, true), v[n - 1], multiple, ts[n - 1]);
            }
            case MACD_CROSS_ABOVE:
            case MACD_CROSS_BELOW: {
                int f = (int) fast;
                int s = (int) slow;
                int sig = (int) signal;
                if (n < s + sig - 1) {
                    return unknown(ts, n);
                }
                Indicators.macd(view(close, n), f, s, sig, a, b, c, d);
                boolean above = type == RuleType.MACD_CROSS_ABOVE;
                return new Evaluation(cmp(a[n - 1], b[n - 1], above, false), cmp(a[n - 2], b[n - 2], above, false), c[n - 1], 0.0, ts[n - 1]);
            }
            case RESISTANCE_BREAK:
            case SUPPORT_BREAK: {
                int k = (int) barsBack;
                boolean up = type == RuleType.RESISTANCE_BREAK;
                double[] side = up ? bars.high() : bars.low();
                if (bars.hasNewerQuote()) {
                    if (n < k + 1) {
                        return unknown(ts, n);
                    }
                    double level0 = up ? Indicators.highestOf(side, n - k, n) : Indicators.lowestOf(side, n - k, n);
                    double level1 = up ? Indicators.highestOf(side, n - 1 - k, n - 1) : Indicators.lowestOf(side, n - 1 - k, n - 1);
                    return new Evaluation(cmp(bars.quotePrice(), level0, up, false), cmp(close[n - 1], level1, up, false),
                            bars.quotePrice(), level0, bars.quoteTime());
                }
                if (n < k + 2) {
                    return unknown(ts, n);
                }
                double level0 = up ? Indicators.highestOf(side, n - 1 - k, n - 1) : Indicators.lowestOf(side, n - 1 - k, n - 1);
                double level1 = up ? Indicators.highestOf(side, n - 2 - k, n - 2) : Indicators.lowestOf(side, n - 2 - k, n - 2);
                return new Evaluation(cmp(close[n - 1], level0, up, false), cmp(close[n - 2], level1, up, false), close[n - 1], level0, ts[n - 1]);
            }
            default:
                throw new IllegalArgumentException("unknown rule type " + type);
        }
    }

    private static Evaluation unknown(long[] ts, int n) {
        return new Evaluation(Evaluation.UNKNOWN, Evaluation.UNKNOWN, Double.NaN, Double.NaN, n == 0 ? Long.MIN_VALUE : ts[n - 1]);
    }

    private static byte cmp(double x, double limit, boolean above, boolean inclusive) {
        if (Double.isNaN(x) || Double.isNaN(limit)) {
            return Evaluation.UNKNOWN;
        }
        boolean hit = above ? (inclusive ? x >= limit : x > limit) : (inclusive ? x <= limit : x < limit);
        return hit ? Evaluation.TRUE : Evaluation.FALSE;
    }

    /** The first {@code n} values; the arrays of {@link SymbolBars} may be longer than its size. */
    private static double[] view(double[] x, int n) {
        return x.length == n ? x : java.util.Arrays.copyOf(x, n);
    }

    private void ensure(int n) {
        if (a.length != n) {
            a = new double[n];
            b = new double[n];
            c = new double[n];
            d = new double[n];
        }
    }
}
