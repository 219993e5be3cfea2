package io.tradingjobs.market.source;

import java.time.Instant;

/**
 * An index level at a moment.
 *
 * @param indexKey e.g. {@code NSE_INDEX|Nifty 50} or {@code TUNINDEX}
 * @param time when it was current
 * @param value the level
 * @param netChange points against the previous close, or {@code null}
 * @param changePercent percent against the previous close, or {@code null}
 */
public record IndexValue(String indexKey, Instant time, double value, Double netChange, Double changePercent) {
}
