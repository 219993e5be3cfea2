package io.tradingjobs.core.internal.schedule;

import io.tradingjobs.core.spi.Schedule;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the text forms of {@link Schedule}; see its documentation for the grammar. */
public final class ScheduleParser {

    static final String EXAMPLES = "valid examples: '*/15 * * * *', '0 0/15 9-15 ? * MON-FRI', 'every 15 minutes', "
            + "'daily at 23:30', 'weekly on sunday at 02:00', 'every 15 minutes during NSE market hours', "
            + "'daily at 16:00 on NSE trading days', '30 minutes after BVMT close', 'manual'; append 'in Asia/Kolkata' for a zone";

    private static final String UNIT = "(s|sec|secs|second|seconds|m|min|mins|minute|minutes|h|hr|hrs|hour|hours)";
    private static final Pattern ZONE_SUFFIX = Pattern.compile("(.*?)\\s+in\\s+([A-Za-z][A-Za-z0-9_+\\-]*(?:/[A-Za-z0-9_+\\-]+)*)\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern DURING = Pattern.compile("(.*?)\\s+during\\s+([A-Za-z0-9_]+)(?:\\s+market)?(?:\\s+trading)?\\s+hours\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern ON_TRADING_DAYS = Pattern.compile("(.*?)\\s+on\\s+([A-Za-z0-9_]+)\\s+trading\\s+days\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern EDGE = Pattern.compile("(?:(\\d+)\\s*" + UNIT + "\\s+(after|before)|at)\\s+([A-Za-z0-9_]+)\\s+(open|close)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern EVERY = Pattern.compile("every\\s+(\\d+)?\\s*" + UNIT, Pattern.CASE_INSENSITIVE);
    private static final Pattern DAILY = Pattern.compile("(?:daily\\s+at|every\\s+day\\s+at|at)\\s+(\\d{1,2}:\\d{2}(?::\\d{2})?)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WEEKLY = Pattern.compile("(?:weekly\\s+on|every|on)?\\s*([a-z]+?)s?\\s+at\\s+(\\d{1,2}:\\d{2}(?::\\d{2})?)",
            Pattern.CASE_INSENSITIVE);
    /** Two leading numeric fields (seconds or minutes, then minutes or hours): meant as cron, whatever the count of fields. */
    private static final Pattern CRON_START = Pattern.compile("[0-9*/,\\-]+\\s+[0-9*/,?\\-]+(\\s|$)");

    private ScheduleParser() {
    }

    /** Parses {@code text}; throws {@link IllegalArgumentException} with the text, the fault and examples. */
    public static Schedule parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty schedule; " + EXAMPLES);
        }
        String original = text.trim();
        try {
            return parseTrimmed(original).describedAs(original);
        } catch (IllegalArgumentException e) {
            // Every refusal names the text and shows valid forms, whichever layer found the fault.
            String message = String.valueOf(e.getMessage());
            if (!message.contains(original)) {
                message = "schedule '" + original + "': " + message;
            }
            if (!message.contains("valid examples")) {
                message = message + "; " + EXAMPLES;
            }
            if (message.equals(e.getMessage())) {
                throw e;
            }
            throw new IllegalArgumentException(message, e);
        }
    }

    private static Schedule parseTrimmed(String original) {
        String body = original;
        ZoneId zone = null;
        Matcher z = ZONE_SUFFIX.matcher(body);
        if (z.matches() && z.group(2).contains("/") || z.matches() && isPlainZone(z.group(2))) {
            try {
                zone = ZoneId.of(z.group(2));
            } catch (DateTimeException e) {
                throw new IllegalArgumentException("schedule '" + original + "': unknown time zone '" + z.group(2)
                        + "'; use a region id such as Asia/Kolkata, Africa/Tunis or UTC");
            }
            body = z.group(1).trim();
        }
        Schedule schedule = parseBody(original, body);
        return zone == null ? schedule : schedule.in(zone);
    }

    private static boolean isPlainZone(String candidate) {
        String c = candidate.toUpperCase(Locale.ROOT);
        return c.equals("UTC") || c.equals("GMT") || c.startsWith("UTC+") || c.startsWith("UTC-");
    }

    private static Schedule parseBody(String original, String body) {
        String lower = body.toLowerCase(Locale.ROOT);
        if (lower.equals("manual") || lower.equals("never") || lower.equals("on demand")) {
            return Schedule.manual();
        }
        Matcher edge = EDGE.matcher(body);
        if (edge.matches()) {
            Duration offset = Duration.ZERO;
            if (edge.group(1) != null) {
                offset = amount(Long.parseLong(edge.group(1)), edge.group(2));
                if (edge.group(3).equalsIgnoreCase("before")) {
                    offset = offset.negated();
                }
            }
            String calendar = edge.group(4);
            return edge.group(5).equalsIgnoreCase("open") ? Schedule.atOpen(calendar, offset) : Schedule.atClose(calendar, offset);
        }
        Matcher during = DURING.matcher(body);
        if (during.matches()) {
            return parseBase(original, during.group(1).trim()).duringMarketHours(during.group(2));
        }
        Matcher days = ON_TRADING_DAYS.matcher(body);
        if (days.matches()) {
            return parseBase(original, days.group(1).trim()).onTradingDays(days.group(2));
        }
        return parseBase(original, body);
    }

    private static Schedule parseBase(String original, String body) {
        String lower = body.toLowerCase(Locale.ROOT).trim();
        if (lower.equals("hourly")) {
            return Schedule.every(Duration.ofHours(1));
        }
        Matcher every = EVERY.matcher(body);
        if (every.matches()) {
            long n = every.group(1) == null ? 1 : Long.parseLong(every.group(1));
            if (n < 1) {
                throw new IllegalArgumentException("schedule '" + original + "': the interval must be at least 1; " + EXAMPLES);
            }
            return Schedule.every(amount(n, every.group(2)));
        }
        Matcher daily = DAILY.matcher(body);
        if (daily.matches()) {
            return Schedule.daily(time(original, daily.group(1)));
        }
        if (lower.startsWith("weekdays at ") || lower.startsWith("every weekday at ")) {
            LocalTime t = time(original, body.substring(body.toLowerCase(Locale.ROOT).indexOf(" at ") + 4).trim());
            return Schedule.quartzCron(String.format(Locale.ROOT, "%d %d %d ? * MON-FRI", t.getSecond(), t.getMinute(), t.getHour()))
                    .describedAs("weekdays at " + describe(t));
        }
        Matcher weekly = WEEKLY.matcher(body);
        if (weekly.matches() && dayOfWeek(weekly.group(1)) != null) {
            return Schedule.weekly(dayOfWeek(weekly.group(1)), time(original, weekly.group(2)));
        }
        if (body.startsWith("@") || CRON_START.matcher(body.trim()).lookingAt()) {
            // Cron, standard or Quartz; with any other count of fields Schedule.cron says how many it has.
            int fields = body.trim().split("\\s+").length;
            return fields == 6 || fields == 7 ? Schedule.quartzCron(body) : Schedule.cron(body);
        }
        throw new IllegalArgumentException("schedule '" + original + "' is not understood; " + EXAMPLES);
    }

    private static DayOfWeek dayOfWeek(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        for (DayOfWeek d : DayOfWeek.values()) {
            String name = d.name().toLowerCase(Locale.ROOT);
            if (name.equals(w) || name.substring(0, 3).equals(w)) {
                return d;
            }
        }
        return null;
    }

    private static LocalTime time(String original, String value) {
        try {
            String v = value.length() == 4 || value.length() == 7 ? "0" + value : value;
            return LocalTime.parse(v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("schedule '" + original + "': '" + value + "' is not a time of day (HH:MM, 00:00-23:59)");
        }
    }

    static Duration amount(long n, String unit) {
        switch (unit.toLowerCase(Locale.ROOT)) {
            case "s": case "sec": case "secs": case "second": case "seconds": return Duration.ofSeconds(n);
            case "m": case "min": case "mins": case "minute": case "minutes": return Duration.ofMinutes(n);
            default: return Duration.ofHours(n);
        }
    }

    /** "15 minutes", "1 hour", "90 seconds". */
    public static String describe(Duration d) {
        long s = d.getSeconds();
        if (s % 3600 == 0) {
            return plural(s / 3600, "hour");
        }
        if (s % 60 == 0) {
            return plural(s / 60, "minute");
        }
        return plural(s, "second");
    }

    /** "23:30" or "23:30:15". */
    public static String describe(LocalTime t) {
        return t.getSecond() == 0 ? String.format(Locale.ROOT, "%02d:%02d", t.getHour(), t.getMinute()) : t.toString();
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }
}
