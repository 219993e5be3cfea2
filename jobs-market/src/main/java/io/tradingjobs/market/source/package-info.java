/**
 * The public SPI of the market jobs: {@link io.tradingjobs.market.source.MarketDataSource} and the
 * values it returns. A host implements it to plug in its own broker.
 */
package io.tradingjobs.market.source;
