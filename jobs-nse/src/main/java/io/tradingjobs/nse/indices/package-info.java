/**
 * The {@code nse.indices} job: NSE index constituent lists into {@code nse_index_membership} (as
 * history) and {@code nse_sector_info}.
 */
package io.tradingjobs.nse.indices;
