/**
 * Plumbing of the reports module (settings, tables of other modules, archive, HTML); not an API.
 */
package io.tradingjobs.reports.internal;
