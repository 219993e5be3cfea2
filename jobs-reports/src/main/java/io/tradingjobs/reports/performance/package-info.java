/**
 * The {@code reports.performance} job: trades replayed into P&amp;L and risk, written per day.
 */
package io.tradingjobs.reports.performance;
