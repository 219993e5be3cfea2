package io.tradingjobs.market.source;

import java.time.Instant;
import java.util.Objects;

/**
 * One OHLCV bar. Validated on creation: prices are finite and positive, {@code low <= open, close
 * <= high}, volume and open interest not negative.
 *
 * @param instrumentKey e.g. {@code NSE_EQ|INE002A01018}
 * @param interval the bar length
 * @param time the bar's start
 * @param open first price
 * @param high highest price
 * @param low lowest price
 * @param close last price
 * @param volume traded quantity
 * @param openInterest open interest, 0 for cash instruments
 */
public record Candle(String instrumentKey, CandleInterval interval, Instant time, double open, double high, double low,
                     double close, long volume, long openInterest) {

    /** Validates. @throws IllegalArgumentException naming the instrument, time and the broken rule */
    public Candle {
        Objects.requireNonNull(instrumentKey, "instrumentKey");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(time, "time");
        String where = instrumentKey + " " + interval.code() + " candle at " + time;
        for (double p : new double[] {open, high, low, close}) {
            if (!Double.isFinite(p) || p <= 0) {
                throw new IllegalArgumentException(where + " has an invalid price " + p);
            }
        }
        if (high < low) {
            throw new IllegalArgumentException(where + " has high " + high + " below low " + low);
        }
        if (open > high || open < low || close > high || close < low) {
            throw new IllegalArgumentException(where + " has open " + open + " or close " + close + " outside low " + low + " .. high " + high);
        }
        if (volume < 0 || openInterest < 0) {
            throw new IllegalArgumentException(where + " has a negative volume " + volume + " or open interest " + openInterest);
        }
    }
}
