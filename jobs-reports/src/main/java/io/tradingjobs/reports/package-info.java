/**
 * Performance analytics and market reports: {@link io.tradingjobs.reports.ReportsJobProvider} lists the jobs {@code reports.performance}, {@code reports.daily} and {@code reports.weekly}.
 */
package io.tradingjobs.reports;
