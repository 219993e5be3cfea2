package io.tradingjobs.alerts.scan;

import java.util.Arrays;

/**
 * The recent bars of one symbol as primitive arrays, oldest first, and its latest quote if newer.
 * Filled by the scan from the {@code candles} and {@code latest_quotes} tables; public so that a
 * host or a benchmark can evaluate rules on bars of its own. Not thread-safe.
 */
public final class SymbolBars {
    private final String symbol;
    private long[] ts;
    private double[] open;
    private double[] high;
    private double[] low;
    private double[] close;
    private double[] volume;
    private int size;
    private double quotePrice = Double.NaN;
    private long quoteTime = Long.MIN_VALUE;

    /** Empty bars for {@code symbol}, with room for {@code capacity} bars before growing. */
    public SymbolBars(String symbol, int capacity) {
        this.symbol = symbol;
        int c = Math.max(4, capacity);
        ts = new long[c];
        open = new double[c];
        high = new double[c];
        low = new double[c];
        close = new double[c];
        volume = new double[c];
    }

    /** Appends a bar; bars must come oldest first. */
    public void add(long time, double o, double h, double l, double c, double v) {
        if (size == ts.length) {
            int n = Math.max(4, size * 2);
            ts = Arrays.copyOf(ts, n);
            open = Arrays.copyOf(open, n);
            high = Arrays.copyOf(high, n);
            low = Arrays.copyOf(low, n);
            close = Arrays.copyOf(close, n);
            volume = Arrays.copyOf(volume, n);
        }
        ts[size] = time;
        open[size] = o;
        high[size] = h;
        low[size] = l;
        close[size] = c;
        volume[size] = v;
        size++;
    }

    /** Sets the latest quote (last traded price and its time). */
    public void quote(double price, long time) {
        this.quotePrice = price;
        this.quoteTime = time;
    }

    /** Shrinks the arrays to {@link #size()}, so indicators read them without copying. */
    public SymbolBars trim() {
        if (ts.length != size) {
            ts = Arrays.copyOf(ts, size);
            open = Arrays.copyOf(open, size);
            high = Arrays.copyOf(high, size);
            low = Arrays.copyOf(low, size);
            close = Arrays.copyOf(close, size);
            volume = Arrays.copyOf(volume, size);
        }
        return this;
    }

    /** Forgets the bars and the quote, keeping the arrays, to load another symbol's. */
    public void clear() {
        size = 0;
        quotePrice = Double.NaN;
        quoteTime = Long.MIN_VALUE;
    }

    /** The symbol. */
    public String symbol() {
        return symbol;
    }

    /** How many bars there are. */
    public int size() {
        return size;
    }

    /** Bar times, epoch ms; only the first {@link #size()} entries are bars. */
    public long[] ts() {
        return ts;
    }

    /** Opens (first {@link #size()} entries). */
    public double[] open() {
        return open;
    }

    /** Highs (first {@link #size()} entries). */
    public double[] high() {
        return high;
    }

    /** Lows (first {@link #size()} entries). */
    public double[] low() {
        return low;
    }

    /** Closes (first {@link #size()} entries). */
    public double[] close() {
        return close;
    }

    /** Volumes (first {@link #size()} entries). */
    public double[] volume() {
        return volume;
    }

    /** The latest quote's price, {@code NaN} when none. */
    public double quotePrice() {
        return quotePrice;
    }

    /** The latest quote's time, epoch ms. */
    public long quoteTime() {
        return quoteTime;
    }

    /** Whether a valid quote newer than the last bar is known; price rules then use it. */
    public boolean hasNewerQuote() {
        return quotePrice > 0 && !Double.isInfinite(quotePrice) && (size == 0 || quoteTime > ts[size - 1]);
    }
}
