/** {@code market.gaps}: missing candles found by the trading calendar, recorded in {@code data_gaps}. */
package io.tradingjobs.market.gaps;
