/**
 * Where trades come from: the {@link io.tradingjobs.reports.trades.TradeSource} SPI and the default {@code trades} table.
 */
package io.tradingjobs.reports.trades;
