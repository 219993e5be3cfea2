/** The {@code nse.holidays} job: NSE trading holidays into the core's calendar store. */
package io.tradingjobs.nse.holidays;
