/** Storage and plumbing of the market jobs; not an API, may change at any time. */
package io.tradingjobs.market.internal;
