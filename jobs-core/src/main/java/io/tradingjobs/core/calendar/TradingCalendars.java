package io.tradingjobs.core.calendar;

import io.tradingjobs.core.internal.calendar.CalendarDataLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The calendars that ship with the library: {@link #nse()}, {@link #bse()} and {@link #bvmt()}.
 *
 * <p>Each is read once, on first use, from a JSON file beside this class
 * ({@code io/tradingjobs/core/calendar/nse.json}, {@code bse.json}, {@code bvmt.json}) that lists
 * its sources and says which facts are verified and which are assumed. The returned calendars are
 * shared, immutable and thread-safe; adjust one with {@link TradingCalendar#withOverrides}.
 */
public final class TradingCalendars {

    private TradingCalendars() {
    }

    /**
     * National Stock Exchange of India, equity segment: Asia/Kolkata, Monday to Friday, pre-open
     * 09:00-09:08, continuous 09:15-15:30, closing session 15:40-16:00; holidays for 2025 and 2026,
     * budget-day and Muhurat sessions.
     */
    public static TradingCalendar nse() {
        return Shipped.NSE;
    }

    /** BSE (Bombay Stock Exchange), equity segment: the same hours and holidays as {@link #nse()}. */
    public static TradingCalendar bse() {
        return Shipped.BSE;
    }

    /**
     * Bourse des Valeurs Mobilières de Tunis: Africa/Tunis, Monday to Friday, pre-opening from
     * 08:30, continuous 09:00-14:00, trading at the last price 14:05-14:10; Tunisian public
     * holidays for 2025 and 2026 and shortened Ramadan hours (continuous trading until 12:00).
     */
    public static TradingCalendar bvmt() {
        return Shipped.BVMT;
    }

    /**
     * The shipped calendar with {@code code}, ignoring case and surrounding blanks ({@code "nse"}
     * finds {@link #nse()}); empty for an unknown code or null.
     */
    public static Optional<TradingCalendar> byCode(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(Shipped.BY_CODE.get(code.trim().toUpperCase(Locale.ROOT)));
    }

    /** The codes {@link #byCode} knows, in alphabetical order: {@code BSE, BVMT, NSE}. */
    public static Set<String> codes() {
        return Shipped.BY_CODE.keySet();
    }

    /** Loads all shipped calendars on first use (class initialisation is thread-safe). */
    private static final class Shipped {
        static final TradingCalendar BSE = load("bse.json");
        static final TradingCalendar BVMT = load("bvmt.json");
        static final TradingCalendar NSE = load("nse.json");
        static final Map<String, TradingCalendar> BY_CODE = byCode(BSE, BVMT, NSE);

        private static Map<String, TradingCalendar> byCode(TradingCalendar... calendars) {
            Map<String, TradingCalendar> map = new LinkedHashMap<>();
            for (TradingCalendar calendar : calendars) {
                map.put(calendar.code(), calendar);
            }
            return Collections.unmodifiableMap(map);
        }

        private static TradingCalendar load(String file) {
            String resource = "io/tradingjobs/core/calendar/" + file;
            try (InputStream in = TradingCalendars.class.getResourceAsStream(file)) {
                if (in == null) {
                    throw new IllegalStateException("Trading calendar resource " + resource
                            + " is missing from the classpath; the jobs-core jar is incomplete");
                }
                return CalendarDataLoader.load(resource, in);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read trading calendar resource " + resource, e);
            }
        }
    }
}
