/**
 * Technical indicators on primitive {@code double[]} series (SMA, EMA, Wilder RSI, MACD, volume
 * spike, rolling highest/lowest, floor pivots), with the TA-Lib and TradingView conventions
 * documented on {@link io.tradingjobs.alerts.indicators.Indicators}. Public and stable; pure.
 */
package io.tradingjobs.alerts.indicators;
