package io.tradingjobs.core.internal.schedule;

import io.tradingjobs.core.calendar.TradingCalendar;
import io.tradingjobs.core.calendar.TradingCalendars;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The calendars in force in this JVM: the built-in ones, replaced by versions with the stored
 * overrides (refreshed holidays, special sessions) when a scheduler loads them. Quartz
 * deserialises trigger calendars on its own threads (and in a cluster on every fire), so they look
 * their exchange up here by code rather than carrying a copy.
 */
public final class ActiveCalendars {
    private static final Map<String, TradingCalendar> OVERRIDDEN = new ConcurrentHashMap<>();

    private ActiveCalendars() {
    }

    /** The calendar in force for {@code code}, if the code is known. */
    public static Optional<TradingCalendar> find(String code) {
        String key = code.toUpperCase(Locale.ROOT);
        TradingCalendar cal = OVERRIDDEN.get(key);
        return cal != null ? Optional.of(cal) : TradingCalendars.byCode(key);
    }

    /** The calendar in force for {@code code}; throws naming the known codes when unknown. */
    public static TradingCalendar get(String code) {
        return find(code).orElseThrow(() -> new IllegalArgumentException(
                "unknown trading calendar '" + code + "'; known calendars: " + TradingCalendars.codes()));
    }

    /** Puts {@code calendar} in force for its code. */
    public static void install(TradingCalendar calendar) {
        OVERRIDDEN.put(calendar.code().toUpperCase(Locale.ROOT), calendar);
    }
}
