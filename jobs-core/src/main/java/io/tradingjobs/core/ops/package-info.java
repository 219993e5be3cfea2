/**
 * The operations surface: the management server ({@code jobs.http.port}) with the seeds' job API,
 * the dashboard at {@code /}, {@code /health} and {@code /metrics}. Modules that add endpoints
 * implement the interfaces here (see {@link io.tradingjobs.core.ops.ReportsEndpoint}).
 */
package io.tradingjobs.core.ops;
