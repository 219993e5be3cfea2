package io.tradingjobs.market.source;

import java.time.Instant;
import java.util.List;

/**
 * A snapshot of an exchange's whole board and its indices.
 *
 * @param time when it was taken
 * @param quotes every listed stock
 * @param indices the indices (BVMT: TUNINDEX and TUNINDEX20)
 * @param simulated whether the figures come from the simulated market
 */
public record Board(Instant time, List<BoardQuote> quotes, List<IndexValue> indices, boolean simulated) {
    /** Copies the lists. */
    public Board {
        quotes = List.copyOf(quotes);
        indices = List.copyOf(indices);
    }
}
