package io.tradingjobs.market.source;

import java.time.Instant;

/**
 * A latest quote. Optional fields are {@code null} when the source does not send them.
 *
 * @param instrumentKey the key as requested, e.g. {@code NSE_EQ|INE002A01018} or {@code NSE_INDEX|Nifty 50}
 * @param symbol the trading symbol, e.g. {@code RELIANCE}
 * @param lastPrice last traded price
 * @param open day open
 * @param high day high
 * @param low day low
 * @param close previous close (Upstox {@code ohlc.close} of the day so far)
 * @param netChange change against the previous close
 * @param volume day volume
 * @param openInterest open interest
 * @param time when the quote was current
 */
public record Quote(String instrumentKey, String symbol, double lastPrice, Double open, Double high, Double low, Double close,
                    Double netChange, Long volume, Long openInterest, Instant time) {
}
