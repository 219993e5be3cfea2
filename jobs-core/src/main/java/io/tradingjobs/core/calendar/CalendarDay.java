package io.tradingjobs.core.calendar;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Objects;

/**
 * A change to one date of a {@link TradingCalendar}, applied with
 * {@link TradingCalendar#withOverrides}: a holiday, a special session that opens the date, or
 * shortened hours. Times are the exchange's local time.
 *
 * <ul>
 *   <li>{@link Kind#HOLIDAY}: the market is closed; {@code open} and {@code close} must be null
 *       and {@code description} is the holiday's name.</li>
 *   <li>{@link Kind#SPECIAL_SESSION}: one {@link SessionKind#SPECIAL} session
 *       {@code [open, close)}, also on a weekend or a holiday (Muhurat trading, a budget-day
 *       session).</li>
 *   <li>{@link Kind#SHORTENED}: the normal market runs {@code [open, close)} as one
 *       {@link SessionKind#CONTINUOUS} session instead of the regular sessions.</li>
 * </ul>
 *
 * @param day         the date, in the exchange's calendar
 * @param kind        what changes
 * @param open        start of the session; null for a holiday
 * @param close       end of the session (exclusive); null for a holiday
 * @param description the holiday's name or why the session is special; never null
 */
public record CalendarDay(LocalDate day, Kind kind, LocalTime open, LocalTime close, String description) {

    /** What a {@link CalendarDay} does to its date. */
    public enum Kind {
        /** The market is closed all day (a special session for the same date is kept). */
        HOLIDAY,
        /** A trading session, even on a day that is normally closed. */
        SPECIAL_SESSION,
        /** Trading with different (usually shorter) hours, such as BVMT Ramadan hours. */
        SHORTENED
    }

    /**
     * Validates the entry.
     *
     * @throws NullPointerException     if {@code day}, {@code kind} or {@code description} is null
     * @throws IllegalArgumentException if a holiday has times, a session lacks them, or
     *                                  {@code close} is not after {@code open}
     */
    public CalendarDay {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(description, "description");
        if (kind == Kind.HOLIDAY) {
            if (open != null || close != null) {
                throw new IllegalArgumentException("HOLIDAY " + day + " takes no open/close time, got "
                        + open + "-" + close + "; use SHORTENED for a day with different hours");
            }
        } else {
            if (open == null || close == null) {
                throw new IllegalArgumentException(kind + " " + day + " needs both open and close, got "
                        + open + "-" + close + "; for example 09:15-12:00");
            }
            if (!close.isAfter(open)) {
                throw new IllegalArgumentException(kind + " " + day + " must close after it opens, got "
                        + open + "-" + close);
            }
        }
    }

    /** A holiday named {@code name}. */
    public static CalendarDay holiday(LocalDate day, String name) {
        return new CalendarDay(day, Kind.HOLIDAY, null, null, name);
    }

    /** A {@link SessionKind#SPECIAL} session {@code [open, close)} on {@code day}. */
    public static CalendarDay specialSession(LocalDate day, LocalTime open, LocalTime close, String description) {
        return new CalendarDay(day, Kind.SPECIAL_SESSION, open, close, description);
    }

    /** The normal market runs {@code [open, close)} on {@code day}. */
    public static CalendarDay shortened(LocalDate day, LocalTime open, LocalTime close, String description) {
        return new CalendarDay(day, Kind.SHORTENED, open, close, description);
    }
}
