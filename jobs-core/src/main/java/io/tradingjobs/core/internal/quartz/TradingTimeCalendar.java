package io.tradingjobs.core.internal.quartz;

import io.tradingjobs.core.calendar.Session;
import io.tradingjobs.core.calendar.SessionKind;
import io.tradingjobs.core.calendar.TradingCalendar;
import io.tradingjobs.core.internal.schedule.ActiveCalendars;
import io.tradingjobs.core.spi.Schedule.TradingWindow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.quartz.impl.calendar.BaseCalendar;

/**
 * A Quartz calendar that admits only the instants a trading schedule allows: trading days,
 * market hours (continuous and special sessions, the end minute included), or the one minute at
 * an offset from the open or close. Serialised into Quartz's calendar table with just the
 * exchange code, so refreshed holidays apply without rewriting triggers.
 */
public final class TradingTimeCalendar extends BaseCalendar {
    private static final long serialVersionUID = 1L;
    private static final long MINUTE = 60_000L;

    private final String exchange;
    private final TradingWindow window;
    private final long offsetMillis;

    TradingTimeCalendar(String exchange, TradingWindow window, Duration offset) {
        this.exchange = exchange;
        this.window = window;
        this.offsetMillis = offset.toMillis();
        setDescription(name(exchange, window, offset));
    }

    /** The name under which the calendar is stored; one per distinct restriction. */
    static String name(String exchange, TradingWindow window, Duration offset) {
        return "tradingjobs:" + exchange + ":" + window + ":" + offset.toMinutes() + "m";
    }

    @Override
    public boolean isTimeIncluded(long timeStamp) {
        if (!super.isTimeIncluded(timeStamp)) {
            return false;
        }
        TradingCalendar cal = ActiveCalendars.get(exchange);
        ZonedDateTime at = Instant.ofEpochMilli(timeStamp).atZone(cal.zone());
        switch (window) {
            case TRADING_DAYS:
                return cal.isTradingDay(at.toLocalDate());
            case MARKET_HOURS:
                return inMarketHours(cal, at);
            case OPEN:
            case CLOSE:
                Instant shifted = Instant.ofEpochMilli(timeStamp - offsetMillis);
                LocalDate day = shifted.atZone(cal.zone()).toLocalDate();
                Optional<ZonedDateTime> edge = window == TradingWindow.OPEN ? cal.open(day) : cal.close(day);
                if (edge.isEmpty()) {
                    return false;
                }
                long target = edge.get().toInstant().toEpochMilli() + offsetMillis;
                return timeStamp >= target && timeStamp < target + MINUTE;
            default:
                return true;
        }
    }

    private static boolean inMarketHours(TradingCalendar cal, ZonedDateTime at) {
        LocalTime time = at.toLocalTime();
        for (Session s : cal.sessions(at.toLocalDate())) {
            if ((s.kind() == SessionKind.CONTINUOUS || s.kind() == SessionKind.SPECIAL)
                    && !time.isBefore(s.start()) && !time.isAfter(s.end())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public long getNextIncludedTime(long timeStamp) {
        // Minute steps: every trading window starts on a whole minute. Bounded to ~60 days.
        long t = (timeStamp / MINUTE + 1) * MINUTE;
        for (int i = 0; i < 60 * 24 * 60; i++, t += MINUTE) {
            if (isTimeIncluded(t)) {
                return t;
            }
        }
        throw new IllegalStateException("calendar " + getDescription() + " admits no minute in the 60 days after " + Instant.ofEpochMilli(timeStamp));
    }

    @Override
    public Object clone() {
        return super.clone();
    }
}
