package io.tradingjobs.core.internal.calendar;

import static io.tradingjobs.core.internal.db.generated.Tables.CALENDAR_DAYS;

import io.tradingjobs.core.calendar.CalendarDay;
import io.tradingjobs.core.calendar.CalendarStore;
import io.tradingjobs.core.calendar.TradingCalendar;
import io.tradingjobs.core.calendar.TradingCalendars;
import io.tradingjobs.core.internal.db.generated.tables.records.CalendarDaysRecord;
import io.tradingjobs.core.internal.schedule.ActiveCalendars;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** {@link CalendarStore} on the {@code calendar_days} table. */
public final class StoredCalendars implements CalendarStore {
    private final DSLContext dsl;
    private final Clock clock;
    private final Runnable ensureSchema;

    /**
     * @param ensureSchema applies migrations if they have not run yet (the table must exist)
     */
    public StoredCalendars(DSLContext dsl, Clock clock, Runnable ensureSchema) {
        this.dsl = dsl;
        this.clock = clock;
        this.ensureSchema = ensureSchema;
    }

    @Override
    public void replaceHolidays(String exchange, int year, Collection<CalendarDay> holidays, String source) {
        String code = known(exchange);
        if (holidays.isEmpty()) {
            throw new IllegalArgumentException("an empty holiday list for " + code + " " + year + " from " + source
                    + " is refused: the stored holidays stay as they are");
        }
        for (CalendarDay d : holidays) {
            if (d.kind() != CalendarDay.Kind.HOLIDAY || d.day().getYear() != year) {
                throw new IllegalArgumentException(d + " is not a holiday in " + year + " (from " + source + ")");
            }
        }
        ensureSchema.run();
        dsl.transaction(cfg -> {
            DSLContext tx = DSL.using(cfg);
            tx.deleteFrom(CALENDAR_DAYS).where(CALENDAR_DAYS.EXCHANGE.eq(code)
                    .and(CALENDAR_DAYS.KIND.eq(CalendarDay.Kind.HOLIDAY.name()))
                    .and(CALENDAR_DAYS.DAY.between(year + "-01-01", year + "-12-31"))).execute();
            upsert(tx, code, holidays, source);
        });
        reload();
    }

    @Override
    public void save(String exchange, Collection<CalendarDay> days, String source) {
        String code = known(exchange);
        ensureSchema.run();
        dsl.transaction(cfg -> upsert(DSL.using(cfg), code, days, source));
        reload();
    }

    private void upsert(DSLContext tx, String code, Collection<CalendarDay> days, String source) {
        long now = clock.millis();
        for (CalendarDay d : days) {
            tx.insertInto(CALENDAR_DAYS)
                    .set(CALENDAR_DAYS.EXCHANGE, code)
                    .set(CALENDAR_DAYS.DAY, d.day().toString())
                    .set(CALENDAR_DAYS.KIND, d.kind().name())
                    .set(CALENDAR_DAYS.OPEN_TIME, d.open() == null ? null : d.open().toString())
                    .set(CALENDAR_DAYS.CLOSE_TIME, d.close() == null ? null : d.close().toString())
                    .set(CALENDAR_DAYS.DESCRIPTION, d.description())
                    .set(CALENDAR_DAYS.SOURCE, source)
                    .set(CALENDAR_DAYS.UPDATED_AT, now)
                    .onConflict(CALENDAR_DAYS.EXCHANGE, CALENDAR_DAYS.DAY)
                    .doUpdate()
                    .set(CALENDAR_DAYS.KIND, d.kind().name())
                    .set(CALENDAR_DAYS.OPEN_TIME, d.open() == null ? null : d.open().toString())
                    .set(CALENDAR_DAYS.CLOSE_TIME, d.close() == null ? null : d.close().toString())
                    .set(CALENDAR_DAYS.DESCRIPTION, d.description())
                    .set(CALENDAR_DAYS.SOURCE, source)
                    .set(CALENDAR_DAYS.UPDATED_AT, now)
                    .execute();
        }
    }

    @Override
    public TradingCalendar calendar(String code) {
        return ActiveCalendars.get(code);
    }

    @Override
    public void reload() {
        ensureSchema.run();
        Map<String, List<CalendarDay>> byExchange = new TreeMap<>();
        for (CalendarDaysRecord r : dsl.selectFrom(CALENDAR_DAYS).orderBy(CALENDAR_DAYS.EXCHANGE, CALENDAR_DAYS.DAY).fetch()) {
            byExchange.computeIfAbsent(r.getExchange(), k -> new ArrayList<>()).add(new CalendarDay(LocalDate.parse(r.getDay()),
                    CalendarDay.Kind.valueOf(r.getKind()), time(r.getOpenTime()), time(r.getCloseTime()), r.getDescription()));
        }
        for (String code : TradingCalendars.codes()) {
            TradingCalendar shipped = TradingCalendars.byCode(code).orElseThrow();
            List<CalendarDay> days = byExchange.getOrDefault(code, List.of());
            ActiveCalendars.install(days.isEmpty() ? shipped : shipped.withOverrides(days));
        }
    }

    private static String known(String exchange) {
        String code = exchange.toUpperCase(Locale.ROOT);
        if (TradingCalendars.byCode(code).isEmpty()) {
            throw new IllegalArgumentException("unknown exchange '" + exchange + "'; known: " + TradingCalendars.codes());
        }
        return code;
    }

    private static LocalTime time(String hhmm) {
        return hhmm == null ? null : LocalTime.parse(hhmm);
    }
}
