/**
 * The {@code reports.weekly} job, its report and the rule-based outlook.
 */
package io.tradingjobs.reports.weekly;
