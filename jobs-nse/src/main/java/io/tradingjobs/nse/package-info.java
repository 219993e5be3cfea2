/**
 * NSE and BSE jobs: index constituents ({@link io.tradingjobs.nse.indices}), corporate actions and
 * the earnings calendar ({@link io.tradingjobs.nse.corporate}), trading holidays
 * ({@link io.tradingjobs.nse.holidays}). {@link io.tradingjobs.nse.NseJobProvider} lists them.
 */
package io.tradingjobs.nse;
