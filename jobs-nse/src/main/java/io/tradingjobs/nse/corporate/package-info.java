/**
 * The {@code nse.corporate-actions} job: NSE and BSE corporate actions, announcements and board
 * meetings into {@code corporate_announcements} and {@code earnings_calendar}, one row per event
 * whichever exchange reported it, with alerts for watched symbols.
 */
package io.tradingjobs.nse.corporate;
