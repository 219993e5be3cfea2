package io.tradingjobs.core.calendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * An exchange's trading calendar, modelled on Python's {@code exchange_calendars}: a time zone,
 * weekly trading days, the sessions of a regular day (whose times can change from a date on),
 * holidays, special sessions that open a normally closed day (NSE Muhurat trading, budget-day
 * sessions on a weekend) and shortened days (BVMT Ramadan hours).
 *
 * <p>Obtain one from {@link TradingCalendars}. Dates are the exchange's local dates and times are
 * its local times in {@link #zone()}; instants are converted to that zone.
 *
 * <p><b>Open means continuous or special trading.</b> A day is a trading day when it has at least
 * one {@link SessionKind#isTrading() trading} session ({@link SessionKind#CONTINUOUS} or
 * {@link SessionKind#SPECIAL}). Its {@link #open} is the start of its first trading session and its
 * {@link #close} the end of its last; pre-open and closing sessions are listed by
 * {@link #sessions} but do not count as open. Sessions are half-open: on a regular NSE day the
 * market is open from 09:15:00 inclusive to 15:30:00 exclusive. A holiday that has a special
 * session (Muhurat trading on Diwali) is a trading day and still has a {@link #holidayName}.
 *
 * <p><b>Years without data.</b> Holidays ship for a few years (see {@link #hasHolidayData}). For any
 * other year every weekly trading day counts as a trading day with the regular sessions; the
 * calendar logs one WARN per year when it falls back like that. Supply the missing holidays with
 * {@link #withOverrides}.
 *
 * <p>Instances are immutable and thread-safe; lookups are hash-map reads with no parsing, cheap
 * enough to call for every minute of a weekend. Searches ({@link #nextOpen}, {@link #nextClose},
 * {@link #nextTradingDay}, {@link #previousTradingDay}) give up with an
 * {@link IllegalStateException} naming the calendar and the date after more than
 * {@value #MAX_CLOSED_DAYS} closed days in a row, which only happens when overrides close the
 * market for more than a month.
 */
public interface TradingCalendar {

    /** How many closed days in a row a search crosses before it gives up. */
    int MAX_CLOSED_DAYS = 30;

    /** The exchange's code: {@code NSE}, {@code BSE} or {@code BVMT}. */
    String code();

    /** The exchange's time zone, e.g. {@code Asia/Kolkata} or {@code Africa/Tunis}. */
    ZoneId zone();

    /**
     * Whether the exchange trades on {@code day}: a weekly trading day that is not a holiday, or
     * any day with a special session (including a holiday with Muhurat trading). For a year
     * without holiday data this is simply whether {@code day} is a weekly trading day.
     */
    boolean isTradingDay(LocalDate day);

    /**
     * The sessions of {@code day} in local time, ordered by start; empty on a non-trading day. A
     * special day lists its own sessions (e.g. pre-open, {@link SessionKind#SPECIAL} and closing on
     * Muhurat day); a shortened day lists its shortened sessions.
     */
    List<Session> sessions(LocalDate day);

    /**
     * The start of the first trading session of {@code day} (continuous trading, or the special
     * session on a special day); empty on a non-trading day.
     */
    Optional<ZonedDateTime> open(LocalDate day);

    /** The end of the last trading session of {@code day}; empty on a non-trading day. */
    Optional<ZonedDateTime> close(LocalDate day);

    /**
     * Whether {@code instant} lies inside a continuous or special trading session, start inclusive
     * and end exclusive: on a regular NSE day 09:14:59 is closed, 09:15:00 open, 15:29:59 open and
     * 15:30:00 closed. Pre-open and closing sessions are closed.
     */
    boolean isOpen(Instant instant);

    /**
     * The first open strictly after {@code after}, in {@link #zone()}: if the market opens at the
     * very instant given, the next day's open is returned.
     *
     * @throws IllegalStateException after more than {@value #MAX_CLOSED_DAYS} closed days in a row
     */
    ZonedDateTime nextOpen(Instant after);

    /**
     * The first close strictly after {@code after}, in {@link #zone()}; during a session this is
     * the same day's close.
     *
     * @throws IllegalStateException after more than {@value #MAX_CLOSED_DAYS} closed days in a row
     */
    ZonedDateTime nextClose(Instant after);

    /**
     * The first trading day strictly after {@code day}.
     *
     * @throws IllegalStateException after more than {@value #MAX_CLOSED_DAYS} closed days in a row
     */
    LocalDate nextTradingDay(LocalDate day);

    /**
     * The last trading day strictly before {@code day}.
     *
     * @throws IllegalStateException after more than {@value #MAX_CLOSED_DAYS} closed days in a row
     */
    LocalDate previousTradingDay(LocalDate day);

    /**
     * The name of the holiday on {@code day}, such as {@code Holi}; empty when {@code day} is not a
     * listed holiday (weekends are not listed). Present on a holiday with a special session too.
     */
    Optional<String> holidayName(LocalDate day);

    /**
     * Whether the calendar has holiday data for {@code year}, shipped with the library or supplied
     * as a {@link CalendarDay.Kind#HOLIDAY} through {@link #withOverrides}. When false,
     * {@link #isTradingDay} falls back to the weekly trading days.
     */
    boolean hasHolidayData(int year);

    /**
     * A new calendar with {@code days} applied on top of this one; this calendar is unchanged.
     * Entries apply in iteration order. For one date a later holiday or shortened day replaces an
     * earlier one (shipped or supplied), and a special session replaces an earlier special
     * session; a holiday keeps the date's special session, as Muhurat trading is held on a
     * holiday. A holiday supplied for a year marks that year as having holiday data.
     *
     * @throws NullPointerException if {@code days} or one of its elements is null
     */
    TradingCalendar withOverrides(Collection<CalendarDay> days);
}
