/** {@code market.backfill}: fills open gaps, oldest first, within the rate limit; resumable after a crash. */
package io.tradingjobs.market.backfill;
