package io.tradingjobs.examples;

import java.util.List;

/** A host service that jobs inject: the symbols the host's users watch. */
public record Watchlist(List<String> symbols) {
}
