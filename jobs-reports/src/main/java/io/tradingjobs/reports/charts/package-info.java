/**
 * Charts drawn with JFreeChart into PNG bytes, headless.
 */
package io.tradingjobs.reports.charts;
