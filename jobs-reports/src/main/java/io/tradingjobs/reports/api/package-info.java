/**
 * The reports API of the management server ({@code /api/reports}).
 */
package io.tradingjobs.reports.api;
