package io.tradingjobs.core.internal.schedule;

import java.text.ParseException;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import org.quartz.CronExpression;

/**
 * Converts standard 5-field cron, as the seeds and crontab write it, to Quartz's form.
 *
 * <p>Differences handled: Quartz has a seconds field (we prepend {@code 0}); Quartz numbers days
 * of the week 1-7 from Sunday where cron uses 0-7 with 0 and 7 Sunday (we rewrite the field as
 * day names); Quartz needs {@code ?} in one of day-of-month and day-of-week. Cron's rule that a
 * restricted day-of-month and a restricted day-of-week are OR-ed has no Quartz equivalent, so that
 * case is refused with an explanation rather than silently changed to AND.
 */
public final class UnixCron {

    private static final String EXAMPLES = "valid examples: '*/15 * * * *' (every 15 minutes), '30 23 * * *' (23:30 daily), "
            + "'0 9-15 * * 1-5' (hourly 09:00-15:00 Mon-Fri), '0 2 * * 0' (Sunday 02:00)";
    private static final String[] DAY_NAMES = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};
    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *", "@annually", "0 0 1 1 *", "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0", "@daily", "0 0 * * *", "@midnight", "0 0 * * *", "@hourly", "0 * * * *");

    private UnixCron() {
    }

    /** Converts a 5-field cron (or an {@code @macro}) to a validated Quartz expression. */
    public static String toQuartz(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("empty cron expression; " + EXAMPLES);
        }
        String original = expression.trim();
        String expr = MACROS.getOrDefault(original.toLowerCase(Locale.ROOT), original);
        String[] f = expr.split("\\s+");
        if (f.length != 5) {
            throw new IllegalArgumentException("cron '" + original + "' has " + f.length
                    + " fields; standard cron has 5 (minute hour day-of-month month day-of-week), Quartz cron 6 or 7; " + EXAMPLES);
        }
        String minute = f[0];
        String hour = f[1];
        String dom = f[2];
        String month = f[3];
        String dow = f[4];
        boolean domAny = dom.equals("*") || dom.equals("?");
        boolean dowAny = dow.equals("*") || dow.equals("?");
        if (!domAny && !dowAny) {
            throw new IllegalArgumentException("cron '" + original + "' restricts both day-of-month (" + dom + ") and day-of-week ("
                    + dow + "); standard cron runs when EITHER matches, which Quartz cannot express. Use two jobs, or a Quartz cron "
                    + "with one of them '?'");
        }
        String quartzDom = domAny ? (dowAny ? "*" : "?") : dom;
        String quartzDow = dowAny ? "?" : dayNames(original, dow);
        return validateQuartz("0 " + minute + " " + hour + " " + quartzDom + " " + month + " " + quartzDow, original);
    }

    /** Validates a Quartz expression and returns it trimmed. */
    public static String validateQuartz(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("empty cron expression; " + EXAMPLES);
        }
        String expr = expression.trim();
        int fields = expr.split("\\s+").length;
        if (fields == 5) {
            throw new IllegalArgumentException("Quartz cron '" + expr + "' has 5 fields; Quartz needs seconds first (6 or 7 fields). "
                    + "For a standard 5-field cron use Schedule.cron or write it as the schedule text");
        }
        if (fields < 6 || fields > 7) {
            throw new IllegalArgumentException("Quartz cron '" + expr + "' has " + fields + " fields; Quartz cron has 6 or 7 (second minute "
                    + "hour day-of-month month day-of-week [year]), e.g. '0 0/15 9-15 ? * MON-FRI'");
        }
        return validateQuartz(expr, expr);
    }

    private static String validateQuartz(String quartz, String original) {
        try {
            CronExpression.validateExpression(quartz);
        } catch (ParseException e) {
            throw new IllegalArgumentException("cron '" + original + "' is not valid: " + e.getMessage() + "; " + EXAMPLES, e);
        }
        return quartz;
    }

    /** Rewrites a cron day-of-week field (numbers 0-7, names, ranges, lists, steps) as Quartz day names. */
    private static String dayNames(String original, String field) {
        BitSet days = new BitSet(7);
        for (String part : field.split(",")) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = parseNumber(original, part.substring(slash + 1));
                if (step < 1) {
                    throw new IllegalArgumentException("cron '" + original + "': step must be positive in '" + part + "'; " + EXAMPLES);
                }
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = 0;
                to = 6;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", 2);
                from = day(original, ends[0]);
                to = day(original, ends[1]);
                if (to == 0 && from > 0) {
                    to = 7; // "5-7" or "FRI-SUN": through Sunday
                }
            } else {
                from = day(original, range);
                to = slash >= 0 ? 6 : from;
            }
            if (from > to) {
                throw new IllegalArgumentException("cron '" + original + "': day-of-week range '" + range + "' runs backwards; " + EXAMPLES);
            }
            for (int d = from; d <= to; d += step) {
                days.set(d % 7);
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int d = days.nextSetBit(0); d >= 0; d = days.nextSetBit(d + 1)) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(DAY_NAMES[d]);
        }
        return sb.toString();
    }

    private static int day(String original, String token) {
        String t = token.trim().toUpperCase(Locale.ROOT);
        for (int i = 0; i < DAY_NAMES.length; i++) {
            if (DAY_NAMES[i].equals(t)) {
                return i;
            }
        }
        int n = parseNumber(original, t);
        if (n < 0 || n > 7) {
            throw new IllegalArgumentException("cron '" + original + "': day-of-week " + token + " is out of range 0-7 (0 and 7 are Sunday); "
                    + EXAMPLES);
        }
        return n;
    }

    private static int parseNumber(String original, String token) {
        try {
            return Integer.parseInt(token.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("cron '" + original + "': '" + token + "' is not a number or a day name (SUN..SAT); " + EXAMPLES);
        }
    }
}
