/** {@code market.sync}: candles, quotes, option chains and index values for the watchlist. */
package io.tradingjobs.market.sync;
