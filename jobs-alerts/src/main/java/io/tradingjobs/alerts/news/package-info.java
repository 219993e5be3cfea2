/**
 * The {@code alerts.news} job: NewsAPI, RSS/Atom and HTML sources, de-duplication by URL,
 * sentiment scoring and the per-symbol and per-sector sentiment history.
 */
package io.tradingjobs.alerts.news;
