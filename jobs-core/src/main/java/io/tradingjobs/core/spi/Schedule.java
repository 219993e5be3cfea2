package io.tradingjobs.core.spi;

import io.tradingjobs.core.internal.schedule.ScheduleParser;
import io.tradingjobs.core.internal.schedule.ScheduleTimes;
import io.tradingjobs.core.internal.schedule.UnixCron;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * When a job runs. Immutable; every schedule has a time zone (the scheduler's {@code jobs.timezone}
 * when none is given, the exchange's zone for the trading forms).
 *
 * <p>Forms, each also accepted as text by {@link #parse(String)} (the form used in
 * {@code jobs.<id>.schedule} settings):
 * <ul>
 *   <li>standard 5-field cron as the seeds write it: <code>*&#47;15 * * * *</code>, {@code 0 2 * * 0},
 *       {@code @daily};</li>
 *   <li>Quartz 6/7-field cron: {@code 0 0/15 9-15 ? * MON-FRI};</li>
 *   <li>intervals: {@code every 15 minutes}, {@code every 30s};</li>
 *   <li>daily and weekly times: {@code daily at 23:30}, {@code weekly on sunday at 02:00};</li>
 *   <li>trading forms: {@code every 15 minutes during NSE market hours} (only while the market is
 *       open, opening and closing minute included), {@code daily at 16:00 on NSE trading days},
 *       {@code 30 minutes after BVMT close}, {@code 15 minutes before NSE open}, {@code at NSE open};</li>
 *   <li>{@code manual}: never fires by itself, only through {@code runNow}.</li>
 * </ul>
 * Any form may end with {@code in <zone>}, e.g. {@code daily at 18:00 in Africa/Tunis}.
 */
public final class Schedule {

    /** How the base trigger fires. */
    public enum Kind {
        /** A cron expression (standard or Quartz; daily and weekly times are cron too). */
        CRON,
        /** A fixed interval. */
        INTERVAL,
        /** Never by itself; only {@code runNow}. */
        MANUAL
    }

    /** The trading-calendar restriction on top of the base trigger. */
    public enum TradingWindow {
        /** No restriction. */
        NONE,
        /** Only on the calendar's trading days. */
        TRADING_DAYS,
        /** Only while the market is open (continuous or special session), end minute included. */
        MARKET_HOURS,
        /** Once a trading day, at the open plus {@link #offset()}. */
        OPEN,
        /** Once a trading day, at the close plus {@link #offset()}. */
        CLOSE
    }

    private final Kind kind;
    private final String quartzCron;
    private final Duration interval;
    private final ZoneId zone;
    private final String calendar;
    private final TradingWindow window;
    private final Duration offset;
    private final String text;

    private Schedule(Kind kind, String quartzCron, Duration interval, ZoneId zone, String calendar,
                     TradingWindow window, Duration offset, String text) {
        this.kind = kind;
        this.quartzCron = quartzCron;
        this.interval = interval;
        this.zone = zone;
        this.calendar = calendar;
        this.window = window;
        this.offset = offset;
        this.text = text;
    }

    /**
     * A standard 5-field cron ({@code minute hour day-of-month month day-of-week}, day-of-week 0-7
     * with 0 and 7 Sunday), or {@code @hourly}, {@code @daily}, {@code @weekly}, {@code @monthly},
     * {@code @yearly}.
     *
     * @throws IllegalArgumentException naming the expression, the fault and valid examples
     */
    public static Schedule cron(String expression) {
        return new Schedule(Kind.CRON, UnixCron.toQuartz(expression), null, null, null,
                TradingWindow.NONE, Duration.ZERO, expression.trim());
    }

    /**
     * A Quartz cron with seconds: 6 or 7 fields, e.g. {@code 0 0/15 9-15 ? * MON-FRI}.
     *
     * @throws IllegalArgumentException naming the expression and the fault
     */
    public static Schedule quartzCron(String expression) {
        return new Schedule(Kind.CRON, UnixCron.validateQuartz(expression), null, null, null,
                TradingWindow.NONE, Duration.ZERO, expression.trim());
    }

    /** Every {@code interval} (at least one second), counted from when the job is first scheduled. */
    public static Schedule every(Duration interval) {
        Objects.requireNonNull(interval, "interval");
        if (interval.compareTo(Duration.ofSeconds(1)) < 0 || interval.toMillis() % 1000 != 0) {
            throw new IllegalArgumentException("interval must be a whole number of seconds, at least 1s, was " + interval);
        }
        return new Schedule(Kind.INTERVAL, null, interval, null, null, TradingWindow.NONE, Duration.ZERO,
                "every " + ScheduleParser.describe(interval));
    }

    /** Every day at {@code time}. */
    public static Schedule daily(LocalTime time) {
        return new Schedule(Kind.CRON, String.format(Locale.ROOT, "%d %d %d * * ?", time.getSecond(), time.getMinute(), time.getHour()),
                null, null, null, TradingWindow.NONE, Duration.ZERO, "daily at " + ScheduleParser.describe(time));
    }

    /** Every week on {@code day} at {@code time}. */
    public static Schedule weekly(DayOfWeek day, LocalTime time) {
        return new Schedule(Kind.CRON, String.format(Locale.ROOT, "%d %d %d ? * %s", time.getSecond(), time.getMinute(), time.getHour(),
                day.name().substring(0, 3)), null, null, null, TradingWindow.NONE, Duration.ZERO,
                "weekly on " + day.name().toLowerCase(Locale.ROOT) + " at " + ScheduleParser.describe(time));
    }

    /** Never fires by itself; the job runs only through {@code runNow}. */
    public static Schedule manual() {
        return new Schedule(Kind.MANUAL, null, null, null, null, TradingWindow.NONE, Duration.ZERO, "manual");
    }

    /**
     * Once every trading day of {@code calendar} at its open plus {@code offset} (negative for
     * before), in the exchange's zone; follows shortened days and special sessions.
     */
    public static Schedule atOpen(String calendar, Duration offset) {
        return atSessionEdge(TradingWindow.OPEN, calendar, offset);
    }

    /**
     * Once every trading day of {@code calendar} at its close plus {@code offset} (e.g. 30 minutes
     * after the BVMT close, which is earlier on Ramadan days).
     */
    public static Schedule atClose(String calendar, Duration offset) {
        return atSessionEdge(TradingWindow.CLOSE, calendar, offset);
    }

    private static Schedule atSessionEdge(TradingWindow window, String calendar, Duration offset) {
        Objects.requireNonNull(offset, "offset");
        if (offset.toMillis() % 60_000 != 0) {
            throw new IllegalArgumentException("an offset from the open or close must be whole minutes, was " + offset);
        }
        String code = calendar.toUpperCase(Locale.ROOT);
        String edge = window == TradingWindow.OPEN ? "open" : "close";
        String text = offset.isZero() ? "at " + code + " " + edge
                : ScheduleParser.describe(offset.abs()) + (offset.isNegative() ? " before " : " after ") + code + " " + edge;
        return new Schedule(Kind.CRON, "0 * * * * ?", null, null, code, window, offset, text);
    }

    /**
     * Parses any form listed in the class documentation.
     *
     * @throws IllegalArgumentException naming the text, what is wrong and valid examples
     */
    public static Schedule parse(String text) {
        return ScheduleParser.parse(text);
    }

    /** Only on trading days of {@code calendar} (e.g. {@code NSE}); the zone becomes the exchange's unless one was set. */
    public Schedule onTradingDays(String calendar) {
        requireUnrestricted("on trading days");
        String code = calendar.toUpperCase(Locale.ROOT);
        return new Schedule(kind, quartzCron, interval, zone, code, TradingWindow.TRADING_DAYS, Duration.ZERO,
                text + " on " + code + " trading days");
    }

    /** Only while {@code calendar}'s market is open, the opening and closing minutes included. */
    public Schedule duringMarketHours(String calendar) {
        requireUnrestricted("during market hours");
        String code = calendar.toUpperCase(Locale.ROOT);
        return new Schedule(kind, quartzCron, interval, zone, code, TradingWindow.MARKET_HOURS, Duration.ZERO,
                text + " during " + code + " market hours");
    }

    /** The same schedule in {@code zoneId}. */
    public Schedule in(ZoneId zoneId) {
        Objects.requireNonNull(zoneId, "zone");
        return new Schedule(kind, quartzCron, interval, zoneId, calendar, window, offset, text);
    }

    /** The same schedule shown as {@code newText} (e.g. the setting it was parsed from). */
    public Schedule describedAs(String newText) {
        return new Schedule(kind, quartzCron, interval, zone, calendar, window, offset, newText);
    }

    private void requireUnrestricted(String what) {
        if (window != TradingWindow.NONE) {
            throw new IllegalArgumentException("'" + text + "' is already restricted to a trading calendar; cannot add '" + what + "'");
        }
        if (kind == Kind.MANUAL) {
            throw new IllegalArgumentException("a manual schedule never fires; cannot add '" + what + "'");
        }
    }

    /** The base trigger kind. */
    public Kind kind() {
        return kind;
    }

    /** The Quartz cron expression for {@link Kind#CRON} schedules. */
    public Optional<String> quartzCronExpression() {
        return Optional.ofNullable(quartzCron);
    }

    /** The interval for {@link Kind#INTERVAL} schedules. */
    public Optional<Duration> interval() {
        return Optional.ofNullable(interval);
    }

    /** The zone given explicitly, if any. */
    public Optional<ZoneId> zone() {
        return Optional.ofNullable(zone);
    }

    /** The trading calendar code this schedule follows, if any. */
    public Optional<String> calendar() {
        return Optional.ofNullable(calendar);
    }

    /** The trading restriction. */
    public TradingWindow tradingWindow() {
        return window;
    }

    /** The offset from the open or close for {@link TradingWindow#OPEN} and {@link TradingWindow#CLOSE}. */
    public Duration offset() {
        return offset;
    }

    /** The schedule as written, e.g. <code>*&#47;15 * * * *</code>; what the API shows. */
    public String text() {
        return text;
    }

    /**
     * The next {@code count} fire times strictly after {@code after}, computed exactly as the
     * scheduler will (calendars included); {@code defaultZone} applies when the schedule has no
     * zone of its own. Empty for a manual schedule.
     */
    public List<Instant> nextFireTimes(Instant after, int count, ZoneId defaultZone) {
        return ScheduleTimes.next(this, after, count, defaultZone);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Schedule)) {
            return false;
        }
        Schedule s = (Schedule) o;
        return kind == s.kind && Objects.equals(quartzCron, s.quartzCron) && Objects.equals(interval, s.interval)
                && Objects.equals(zone, s.zone) && Objects.equals(calendar, s.calendar) && window == s.window
                && offset.equals(s.offset);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, quartzCron, interval, zone, calendar, window, offset);
    }

    /** A stable fingerprint of what fires when; a changed fingerprint reschedules the stored trigger. */
    public String fingerprint() {
        return kind + "|" + quartzCron + "|" + interval + "|" + zone + "|" + calendar + "|" + window + "|" + offset;
    }

    @Override
    public String toString() {
        return text + (zone == null ? "" : " [" + zone + "]");
    }
}
