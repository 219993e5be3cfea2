/**
 * Performance and risk metrics on return series and closed trades, with empyrical's conventions. Public, pure and stable in meaning.
 */
package io.tradingjobs.reports.metrics;
