package io.tradingjobs.alerts.indicators;

import java.util.Arrays;

/**
 * Technical indicators on primitive {@code double[]} series, oldest value first. Pure functions:
 * they never change their input, hold no state and are safe from any thread.
 *
 * <h2>Conventions (the ones of TA-Lib and TradingView)</h2>
 * <ul>
 *   <li>An output has the length of its input; a value that is not yet defined (the warm-up) is
 *       {@link Double#NaN}. A series shorter than the warm-up is all {@code NaN}: never an
 *       exception.</li>
 *   <li>Indicators count bars, not time: a weekend or a holiday between two bars is no gap.</li>
 *   <li>A gap in the data, written as a {@code NaN} input value (a missing bar, a bad price),
 *       makes the outputs that depend on it {@code NaN}; the recursive indicators (EMA, RSI,
 *       MACD) then start their warm-up again with the first value after the gap, as if the series
 *       began there, rather than carrying a value across a hole.</li>
 *   <li>Each method has a form that writes into a caller's array ({@code out}, at least as long as
 *       the input), so a scan over thousands of symbols can reuse a few buffers.</li>
 * </ul>
 */
public final class Indicators {

    private Indicators() {
    }

    /**
     * Simple moving average: the mean of the last {@code n} values, first defined at index
     * {@code n - 1}.
     *
     * @throws IllegalArgumentException when {@code n < 1}
     */
    public static double[] sma(double[] x, int n) {
        return sma(x, n, new double[x.length]);
    }

    /** {@link #sma(double[], int)} into {@code out}; returns {@code out}. */
    public static double[] sma(double[] x, int n, double[] out) {
        checkPeriod(n, "sma");
        double sum = 0;
        int run = 0; // values since the last gap
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            if (Double.isNaN(v)) {
                run = 0;
                sum = 0;
                out[i] = Double.NaN;
                continue;
            }
            sum += v;
            run++;
            if (run > n) {
                sum -= x[i - n];
            }
            out[i] = run >= n ? sum / n : Double.NaN;
        }
        return out;
    }

    /**
     * Exponential moving average with {@code k = 2 / (n + 1)}, seeded by the simple mean of its
     * first {@code n} values and first defined at index {@code n - 1} (TA-Lib's {@code EMA},
     * TradingView's {@code ta.ema}); then {@code ema = ema + k * (x - ema)}. Leading {@code NaN}s
     * are skipped: the seed is the mean of the first {@code n} values after them.
     *
     * @throws IllegalArgumentException when {@code n < 1}
     */
    public static double[] ema(double[] x, int n) {
        return ema(x, n, new double[x.length]);
    }

    /** {@link #ema(double[], int)} into {@code out}; returns {@code out}. */
    public static double[] ema(double[] x, int n, double[] out) {
        checkPeriod(n, "ema");
        double k = 2.0 / (n + 1);
        double ema = 0;
        int run = 0;
        for (int i = 0; i < x.length; i++) {
            double v = x[i];
            if (Double.isNaN(v)) {
                run = 0;
                ema = 0;
                out[i] = Double.NaN;
                continue;
            }
            run++;
            if (run < n) {
                ema += v;
                out[i] = Double.NaN;
            } else if (run == n) {
                ema = (ema + v) / n;
                out[i] = ema;
            } else {
                ema += k * (v - ema);
                out[i] = ema;
            }
        }
        return out;
    }

    /**
     * Relative strength index by Wilder (TA-Lib's {@code RSI}, TradingView's {@code ta.rsi}):
     * the changes {@code close[i] - close[i-1]} split into gains and losses; the first average
     * gain and loss are the simple means of changes {@code 1..n}; then
     * {@code avg = (avg * (n - 1) + change) / n}; {@code RSI = 100 - 100 / (1 + avgGain / avgLoss)}.
     * First defined at index {@code n} (it needs {@code n + 1} closes).
     *
     * <p>Edge cases: with no losses in the averaging (only rises, or rises and flat bars) the RSI
     * is {@code 100}; with no movement at all (both averages zero) it is {@code 50}, neutral.
     * TA-Lib returns 0 and TradingView 100 for a flat series; 50 is chosen so that a suspended or
     * illiquid stock never looks overbought or oversold.
     *
     * @throws IllegalArgumentException when {@code n < 1}
     */
    public static double[] rsi(double[] close, int n) {
        return rsi(close, n, new double[close.length]);
    }

    /** {@link #rsi(double[], int)} into {@code out}; returns {@code out}. */
    public static double[] rsi(double[] close, int n, double[] out) {
        checkPeriod(n, "rsi");
        double avgGain = 0;
        double avgLoss = 0;
        int changes = 0; // changes since the last gap
        double prev = Double.NaN;
        for (int i = 0; i < close.length; i++) {
            double c = close[i];
            if (Double.isNaN(c)) {
                changes = 0;
                avgGain = 0;
                avgLoss = 0;
                prev = Double.NaN;
                out[i] = Double.NaN;
                continue;
            }
            if (Double.isNaN(prev)) {
                prev = c;
                out[i] = Double.NaN;
                continue;
            }
            double d = c - prev;
            prev = c;
            double gain = d > 0 ? d : 0;
            double loss = d < 0 ? -d : 0;
            changes++;
            if (changes < n) {
                avgGain += gain;
                avgLoss += loss;
                out[i] = Double.NaN;
                continue;
            }
            if (changes == n) {
                avgGain = (avgGain + gain) / n;
                avgLoss = (avgLoss + loss) / n;
            } else {
                avgGain = (avgGain * (n - 1) + gain) / n;
                avgLoss = (avgLoss * (n - 1) + loss) / n;
            }
            out[i] = rsiOf(avgGain, avgLoss);
        }
        return out;
    }

    private static double rsiOf(double avgGain, double avgLoss) {
        if (avgLoss == 0) {
            return avgGain == 0 ? 50.0 : 100.0;
        }
        return 100.0 - 100.0 / (1.0 + avgGain / avgLoss);
    }

    /**
     * MACD: {@code EMA(fast) - EMA(slow)} of the closes, each EMA seeded by its own simple mean
     * (so the MACD line is first defined at index {@code slow - 1}); the signal line is the
     * {@code signal}-period EMA of the MACD line, seeded by the simple mean of its first
     * {@code signal} values (first defined at {@code slow + signal - 2}); the histogram is
     * {@code MACD - signal}. The classic setting is {@code (12, 26, 9)}.
     *
     * @throws IllegalArgumentException when a period is below 1 or {@code fast >= slow}
     */
    public static Macd macd(double[] close, int fast, int slow, int signal) {
        int len = close.length;
        return macd(close, fast, slow, signal, new double[len], new double[len], new double[len], new double[len]);
    }

    /**
     * {@link #macd(double[], int, int, int)} into the caller's arrays ({@code scratch} holds the
     * slow EMA); returns them wrapped, without copying.
     */
    public static Macd macd(double[] close, int fast, int slow, int signal,
                            double[] macdOut, double[] signalOut, double[] histogramOut, double[] scratch) {
        checkPeriod(fast, "macd fast");
        checkPeriod(slow, "macd slow");
        checkPeriod(signal, "macd signal");
        if (fast >= slow) {
            throw new IllegalArgumentException("macd: the fast period (" + fast + ") must be shorter than the slow one (" + slow + ")");
        }
        ema(close, fast, macdOut);
        ema(close, slow, scratch);
        int len = close.length;
        for (int i = 0; i < len; i++) {
            macdOut[i] = macdOut[i] - scratch[i]; // NaN while either is undefined
        }
        ema(macdOut, signal, signalOut);
        for (int i = 0; i < len; i++) {
            histogramOut[i] = macdOut[i] - signalOut[i];
        }
        return new Macd(macdOut, signalOut, histogramOut);
    }

    /**
     * The three MACD series, each as long as the closes.
     *
     * @param macd {@code EMA(fast) - EMA(slow)}
     * @param signal the EMA of {@code macd}
     * @param histogram {@code macd - signal}
     */
    public record Macd(double[] macd, double[] signal, double[] histogram) {
    }

    /**
     * Volume spike: each bar's volume divided by the mean volume of the {@code n} bars before it
     * (the bar itself excluded), first defined at index {@code n}. {@code 3.0} means three times
     * the recent average. {@code NaN} when that mean is zero (no trading to compare with) or a
     * volume in the window is {@code NaN}.
     *
     * @throws IllegalArgumentException when {@code n < 1}
     */
    public static double[] volumeSpike(double[] volume, int n) {
        return volumeSpike(volume, n, new double[volume.length]);
    }

    /** {@link #volumeSpike(double[], int)} into {@code out}; returns {@code out}. */
    public static double[] volumeSpike(double[] volume, int n, double[] out) {
        checkPeriod(n, "volumeSpike");
        double sum = 0;
        int run = 0; // values since the last gap, up to i-1
        for (int i = 0; i < volume.length; i++) {
            double v = volume[i];
            double mean = run >= n ? sum / n : Double.NaN;
            out[i] = Double.isNaN(v) || !(mean > 0) ? Double.NaN : v / mean;
            if (Double.isNaN(v)) {
                run = 0;
                sum = 0;
                continue;
            }
            sum += v;
            run++;
            if (run > n) {
                sum -= volume[i - n];
            }
        }
        return out;
    }

    /**
     * The highest value of the last {@code n} values, this one included; first defined at index
     * {@code n - 1}, {@code NaN} when the window holds a {@code NaN}.
     *
     * @throws IllegalArgumentException when {@code n < 1}
     */
    public static double[] highest(double[] x, int n) {
        return extreme(x, n, new double[x.length], true);
    }

    /** {@link #highest(double[], int)} into {@code out}; returns {@code out}. */
    public static double[] highest(double[] x, int n, double[] out) {
        return extreme(x, n, out, true);
    }

    /**
     * The lowest value of the last {@code n} values, this one included; first defined at index
     * {@code n - 1}, {@code NaN} when the window holds a {@code NaN}.
     *
     * @throws IllegalArgumentException when {@code n < 1}
     */
    public static double[] lowest(double[] x, int n) {
        return extreme(x, n, new double[x.length], false);
    }

    /** {@link #lowest(double[], int)} into {@code out}; returns {@code out}. */
    public static double[] lowest(double[] x, int n, double[] out) {
        return extreme(x, n, out, false);
    }

    private static double[] extreme(double[] x, int n, double[] out, boolean max) {
        checkPeriod(n, max ? "highest" : "lowest");
        int lastGap = -1;
        for (int i = 0; i < x.length; i++) {
            if (Double.isNaN(x[i])) {
                lastGap = i;
            }
            if (i - lastGap < n) {
                out[i] = Double.NaN;
                continue;
            }
            double m = x[i];
            for (int j = i - n + 1; j < i; j++) {
                double v = x[j];
                if (max ? v > m : v < m) {
                    m = v;
                }
            }
            out[i] = m;
        }
        return out;
    }

    /**
     * The highest of {@code x[from..to)}; {@code NaN} when the range is empty, out of bounds or
     * holds a {@code NaN}. Allocation-free, for a scan that needs only the latest window.
     */
    public static double highestOf(double[] x, int from, int to) {
        return extremeOf(x, from, to, true);
    }

    /** The lowest of {@code x[from..to)}, as {@link #highestOf}. */
    public static double lowestOf(double[] x, int from, int to) {
        return extremeOf(x, from, to, false);
    }

    private static double extremeOf(double[] x, int from, int to, boolean max) {
        if (from < 0 || to > x.length || from >= to) {
            return Double.NaN;
        }
        double m = x[from];
        for (int j = from; j < to; j++) {
            double v = x[j];
            if (Double.isNaN(v)) {
                return Double.NaN;
            }
            if (max ? v > m : v < m) {
                m = v;
            }
        }
        return m;
    }

    /**
     * Classic floor-trader pivots from one period's high, low and close (yesterday's, for today's
     * levels): {@code P = (H + L + C) / 3}, {@code R1 = 2P - L}, {@code S1 = 2P - H},
     * {@code R2 = P + (H - L)}, {@code S2 = P - (H - L)}, {@code R3 = H + 2(P - L)},
     * {@code S3 = L - 2(H - P)}. Any {@code NaN} input gives all-{@code NaN} levels.
     */
    public static FloorPivots floorPivots(double high, double low, double close) {
        double p = (high + low + close) / 3.0;
        double range = high - low;
        return new FloorPivots(p, 2 * p - low, p + range, high + 2 * (p - low), 2 * p - high, p - range, low - 2 * (high - p));
    }

    /**
     * Floor pivot levels.
     *
     * @param pivot the pivot point P
     * @param r1 first resistance
     * @param r2 second resistance
     * @param r3 third resistance
     * @param s1 first support
     * @param s2 second support
     * @param s3 third support
     */
    public record FloorPivots(double pivot, double r1, double r2, double r3, double s1, double s2, double s3) {
    }

    /** The last value of {@code x} that is not {@code NaN}, or {@code NaN} when there is none. */
    public static double lastDefined(double[] x) {
        for (int i = x.length - 1; i >= 0; i--) {
            if (!Double.isNaN(x[i])) {
                return x[i];
            }
        }
        return Double.NaN;
    }

    /** A series of {@code length} copies of {@code value} (handy in tests and warm-ups). */
    public static double[] constant(int length, double value) {
        double[] out = new double[length];
        Arrays.fill(out, value);
        return out;
    }

    private static void checkPeriod(int n, String what) {
        if (n < 1) {
            throw new IllegalArgumentException(what + ": the period must be at least 1, was " + n);
        }
    }
}
