/** Plumbing shared by the NSE jobs (session priming, settings, date parsing); not an API. */
package io.tradingjobs.nse.internal;
