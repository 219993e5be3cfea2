/** The Upstox API v2/v3 as a {@link io.tradingjobs.market.source.MarketDataSource}. */
package io.tradingjobs.market.upstox;
