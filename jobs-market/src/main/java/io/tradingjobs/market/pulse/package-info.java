/** {@code market.pulse}: the BVMT board, indices, sector performance and top movers per snapshot. */
package io.tradingjobs.market.pulse;
