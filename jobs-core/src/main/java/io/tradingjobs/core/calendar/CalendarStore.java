package io.tradingjobs.core.calendar;

import java.util.Collection;

/**
 * The stored calendar days that override the shipped tables ({@code calendar_days}): holidays
 * refreshed from the exchange, special sessions, shortened days. Injectable into jobs. Changes take
 * effect at once on this node (schedules included) and on other nodes at their next start or
 * {@link #reload()}.
 */
public interface CalendarStore {

    /**
     * Replaces the stored holidays of {@code exchange} in {@code year} with {@code holidays}
     * (special sessions and shortened days are kept), in one transaction, and puts the result in force.
     *
     * @param exchange e.g. {@code NSE}
     * @param year the year the list covers
     * @param holidays the full list for that year; must not be empty (an empty list from an
     *                 exchange is a broken answer, not a year without holidays)
     * @param source where the list came from, e.g. the URL
     * @throws IllegalArgumentException for an unknown exchange, an empty list, or a day outside the year
     */
    void replaceHolidays(String exchange, int year, Collection<CalendarDay> holidays, String source);

    /** Stores (or replaces) single days of any kind and puts them in force. */
    void save(String exchange, Collection<CalendarDay> days, String source);

    /** The calendar in force for {@code code}: shipped tables plus stored days. */
    TradingCalendar calendar(String code);

    /** Reads the stored days again and puts them in force. */
    void reload();
}
