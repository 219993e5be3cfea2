/**
 * Implementation of {@link io.tradingjobs.core.calendar.TradingCalendar}: the JSON loader and the
 * resolved per-day schedules. Not part of the public API.
 */
package io.tradingjobs.core.internal.calendar;
