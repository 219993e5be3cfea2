/** The Bourse de Tunis public REST API as a {@link io.tradingjobs.market.source.MarketDataSource}. */
package io.tradingjobs.market.bvmt;
