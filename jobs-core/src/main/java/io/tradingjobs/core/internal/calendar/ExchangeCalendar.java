package io.tradingjobs.core.internal.calendar;

import io.tradingjobs.core.calendar.CalendarDay;
import io.tradingjobs.core.calendar.Session;
import io.tradingjobs.core.calendar.SessionKind;
import io.tradingjobs.core.calendar.TradingCalendar;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link TradingCalendar} implementation: weekly trading days, regular sessions by the date
 * they take effect, and per-date rules (holidays, special sessions, shortened days) resolved to
 * {@link DaySchedule}s when the calendar is built, so every query is a map read.
 */
public final class ExchangeCalendar implements TradingCalendar {

    private static final Logger LOG = LoggerFactory.getLogger(ExchangeCalendar.class);

    private final String code;
    private final ZoneId zone;
    private final Set<DayOfWeek> tradingDays;
    /** The trading days as text for messages, e.g. {@code MONDAY-FRIDAY}. */
    private final String weeklyDays;
    private final NavigableMap<LocalDate, DaySchedule> regular;
    private final Map<LocalDate, DayRule> rules;
    private final Map<LocalDate, DaySchedule> resolved;
    private final BitSet holidayYears;
    /** Years already reported as missing; shared with calendars derived by withOverrides. */
    private final Set<Integer> reportedYears;

    private ExchangeCalendar(String code, ZoneId zone, Set<DayOfWeek> tradingDays,
            NavigableMap<LocalDate, DaySchedule> regular, Map<LocalDate, DayRule> rules,
            BitSet holidayYears, Set<Integer> reportedYears) {
        this.code = code;
        this.zone = zone;
        Set<DayOfWeek> weekly = EnumSet.noneOf(DayOfWeek.class);
        weekly.addAll(tradingDays);
        this.tradingDays = Collections.unmodifiableSet(weekly);
        this.weeklyDays = describe(weekly);
        this.regular = Collections.unmodifiableNavigableMap(new TreeMap<>(regular));
        this.rules = Map.copyOf(rules);
        Map<LocalDate, DaySchedule> byDate = new HashMap<>();
        this.rules.forEach((day, rule) -> {
            DaySchedule schedule = rule.resolve();
            if (schedule != null) {
                byDate.put(day, schedule);
            }
        });
        this.resolved = byDate;
        this.holidayYears = (BitSet) holidayYears.clone();
        this.reportedYears = reportedYears;
    }

    private static String describe(Set<DayOfWeek> days) {
        List<DayOfWeek> list = List.copyOf(days);
        boolean consecutive = list.size() > 2
                && list.get(list.size() - 1).getValue() - list.get(0).getValue() == list.size() - 1;
        return consecutive ? list.get(0) + "-" + list.get(list.size() - 1)
                : list.stream().map(DayOfWeek::name).collect(Collectors.joining(", "));
    }

    /** Starts a calendar; see {@link Builder}. */
    static Builder builder(String code, ZoneId zone) {
        return new Builder(code, zone);
    }

    @Override
    public String code() {
        return code;
    }

    @Override
    public ZoneId zone() {
        return zone;
    }

    /** The weekly trading days, e.g. Monday to Friday. */
    public Set<DayOfWeek> tradingDays() {
        return tradingDays;
    }

    @Override
    public boolean isTradingDay(LocalDate day) {
        return schedule(day).isTradingDay();
    }

    @Override
    public List<Session> sessions(LocalDate day) {
        return schedule(day).sessions;
    }

    @Override
    public Optional<ZonedDateTime> open(LocalDate day) {
        LocalTime open = schedule(day).open;
        return open == null ? Optional.empty() : Optional.of(ZonedDateTime.of(day, open, zone));
    }

    @Override
    public Optional<ZonedDateTime> close(LocalDate day) {
        LocalTime close = schedule(day).close;
        return close == null ? Optional.empty() : Optional.of(ZonedDateTime.of(day, close, zone));
    }

    @Override
    public boolean isOpen(Instant instant) {
        LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
        return schedule(local.toLocalDate()).isOpenAt(local.toLocalTime());
    }

    @Override
    public ZonedDateTime nextOpen(Instant after) {
        return nextEdge(after, true);
    }

    @Override
    public ZonedDateTime nextClose(Instant after) {
        return nextEdge(after, false);
    }

    private ZonedDateTime nextEdge(Instant after, boolean open) {
        Objects.requireNonNull(after, "after");
        LocalDate start = LocalDate.ofInstant(after, zone);
        LocalDate day = start;
        int closedInARow = 0;
        while (true) {
            DaySchedule schedule = schedule(day);
            if (schedule.isTradingDay()) {
                closedInARow = 0;
                ZonedDateTime edge = ZonedDateTime.of(day, open ? schedule.open : schedule.close, zone);
                if (edge.toInstant().isAfter(after)) {
                    return edge;
                }
            } else if (++closedInARow > MAX_CLOSED_DAYS) {
                throw gaveUp(open ? "open" : "close", "after " + after.atZone(zone).toOffsetDateTime(), day);
            }
            day = day.plusDays(1);
        }
    }

    @Override
    public LocalDate nextTradingDay(LocalDate day) {
        return step(day, 1);
    }

    @Override
    public LocalDate previousTradingDay(LocalDate day) {
        return step(day, -1);
    }

    private LocalDate step(LocalDate from, int direction) {
        Objects.requireNonNull(from, "day");
        LocalDate day = from;
        for (int closed = 0; closed <= MAX_CLOSED_DAYS; closed++) {
            day = day.plusDays(direction);
            if (schedule(day).isTradingDay()) {
                return day;
            }
        }
        throw gaveUp("trading day", (direction > 0 ? "after " : "before ") + from, day);
    }

    private IllegalStateException gaveUp(String what, String from, LocalDate reached) {
        return new IllegalStateException(code + " calendar: no " + what + " " + from
                + " within " + MAX_CLOSED_DAYS + " closed days in a row (searched to " + reached
                + "); check the holidays and special days given to withOverrides");
    }

    @Override
    public Optional<String> holidayName(LocalDate day) {
        DayRule rule = rules.get(day);
        return rule == null ? Optional.empty() : Optional.ofNullable(rule.holidayName());
    }

    @Override
    public boolean hasHolidayData(int year) {
        return year >= 0 && holidayYears.get(year);
    }

    @Override
    public TradingCalendar withOverrides(Collection<CalendarDay> days) {
        Objects.requireNonNull(days, "days");
        Map<LocalDate, DayRule> merged = new HashMap<>(rules);
        BitSet years = (BitSet) holidayYears.clone();
        int index = 0;
        for (CalendarDay day : days) {
            if (day == null) {
                throw new NullPointerException("overrides for " + code + " contain null at index " + index);
            }
            index++;
            DayRule rule = merged.getOrDefault(day.day(), DayRule.NONE);
            switch (day.kind()) {
                case HOLIDAY -> {
                    rule = rule.withHoliday(day.description());
                    if (day.day().getYear() >= 0) {
                        years.set(day.day().getYear());
                    }
                }
                case SPECIAL_SESSION -> rule = rule.withSpecial(
                        new DaySchedule(List.of(new Session(SessionKind.SPECIAL, day.open(), day.close()))));
                case SHORTENED -> rule = rule.withShortened(
                        new DaySchedule(List.of(new Session(SessionKind.CONTINUOUS, day.open(), day.close()))));
            }
            merged.put(day.day(), rule);
        }
        return new ExchangeCalendar(code, zone, tradingDays, regular, merged, years, reportedYears);
    }

    /** The resolved sessions of {@code day}: its own rule, else the weekly pattern. */
    private DaySchedule schedule(LocalDate day) {
        DaySchedule own = resolved.get(day);
        if (own != null) {
            return own;
        }
        if (!tradingDays.contains(day.getDayOfWeek())) {
            return DaySchedule.CLOSED;
        }
        if (!hasHolidayData(day.getYear())) {
            reportMissingYear(day.getYear());
        }
        Map.Entry<LocalDate, DaySchedule> entry = regular.floorEntry(day);
        // The earliest regular sessions also stand for the dates before they were recorded.
        return entry != null ? entry.getValue() : regular.firstEntry().getValue();
    }

    private void reportMissingYear(int year) {
        if (reportedYears.add(year)) {
            LOG.warn("{} calendar has no holiday data for {}: every weekly trading day ({}) counts as a trading day"
                    + " with regular hours. Supply the year's holidays with TradingCalendar.withOverrides(...) or"
                    + " upgrade trading-jobs.", code, year, weeklyDays);
        }
    }

    @Override
    public String toString() {
        return "TradingCalendar[" + code + ", " + zone + ", holidays for " + holidayYears + "]";
    }

    /** Collects a calendar's data; the loader fills it from a JSON resource. */
    static final class Builder {
        private final String code;
        private final ZoneId zone;
        private final Set<DayOfWeek> tradingDays = EnumSet.noneOf(DayOfWeek.class);
        private final NavigableMap<LocalDate, DaySchedule> regular = new TreeMap<>();
        private final Map<LocalDate, DayRule> rules = new HashMap<>();
        private final BitSet holidayYears = new BitSet();

        private Builder(String code, ZoneId zone) {
            this.code = Objects.requireNonNull(code, "code");
            this.zone = Objects.requireNonNull(zone, "zone");
        }

        Builder tradingDay(DayOfWeek day) {
            tradingDays.add(day);
            return this;
        }

        Builder regularSessions(LocalDate from, List<Session> sessions) {
            regular.put(from, new DaySchedule(sessions));
            return this;
        }

        Builder holidayYear(int year) {
            holidayYears.set(year);
            return this;
        }

        Builder holiday(LocalDate day, String name) {
            return rule(day, rule -> rule.withHoliday(name));
        }

        Builder specialSessions(LocalDate day, List<Session> sessions) {
            DaySchedule schedule = new DaySchedule(sessions);
            return rule(day, rule -> rule.withSpecial(schedule));
        }

        /** Shortened hours for each weekly trading day in {@code [from, to]}. */
        Builder shortenedPeriod(LocalDate from, LocalDate to, List<Session> sessions) {
            DaySchedule schedule = new DaySchedule(sessions);
            for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
                if (tradingDays.contains(day.getDayOfWeek())) {
                    rule(day, rule -> rule.holidayName() != null ? rule : rule.withShortened(schedule));
                }
            }
            return this;
        }

        boolean hasRegularSessions() {
            return !regular.isEmpty();
        }

        private Builder rule(LocalDate day, Function<DayRule, DayRule> change) {
            rules.put(day, change.apply(rules.getOrDefault(day, DayRule.NONE)));
            return this;
        }

        ExchangeCalendar build() {
            if (regular.isEmpty()) {
                throw new IllegalStateException(code + " calendar has no regular sessions");
            }
            return new ExchangeCalendar(code, zone, tradingDays, regular, rules, holidayYears,
                    ConcurrentHashMap.newKeySet());
        }
    }
}
