/**
 * The {@code reports.daily} job and its HTML report with charts.
 */
package io.tradingjobs.reports.daily;
