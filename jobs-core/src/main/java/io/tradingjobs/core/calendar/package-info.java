/**
 * Exchange trading calendars: is a date a trading day, is the market open at an instant, when is
 * the next open or close. Start from {@link io.tradingjobs.core.calendar.TradingCalendars}.
 */
package io.tradingjobs.core.calendar;
