package io.tradingjobs.examples.custom;

import java.util.List;

/**
 * A host service that jobs inject: the symbols the host's users watch.
 *
 * @param symbols exchange symbols, e.g. {@code RELIANCE} or {@code SFBT}
 */
public record Watchlist(List<String> symbols) {
    /** Copies the list. */
    public Watchlist {
        symbols = List.copyOf(symbols);
    }
}
