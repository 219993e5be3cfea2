package io.tradingjobs.core.http;

import io.tradingjobs.core.config.Config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * At most {@code permits} requests in any window of length {@code per}, for example Upstox's
 * {@code 50/s}, {@code 500/min} and {@code 2000/30min}. See {@link Http#rateLimit}.
 *
 * @param permits how many requests the window allows, 1 to {@value #MAX_PERMITS}
 * @param per the window length, positive
 */
public record RateLimit(int permits, Duration per) {

    /** The largest number of permits in one window. */
    public static final int MAX_PERMITS = 100_000;

    private static final Pattern FORM = Pattern.compile("\\s*(\\d{1,9})\\s*/\\s*(\\d*)\\s*([a-zA-Z]+)\\s*");
    private static final String EXAMPLES = "write permits/period such as 50/s, 500/min, 2000/30min or 10/500ms";

    /**
     * Validates the limit.
     *
     * @throws IllegalArgumentException naming the bad value when {@code permits} is out of range
     *     or {@code per} is not positive
     */
    public RateLimit {
        if (permits < 1 || permits > MAX_PERMITS) {
            throw new IllegalArgumentException("Rate limit permits " + permits + " is out of range; use 1 to " + MAX_PERMITS);
        }
        if (per == null || per.isZero() || per.isNegative()) {
            throw new IllegalArgumentException("Rate limit period " + per + " is not positive; " + EXAMPLES);
        }
    }

    /**
     * Parses {@code 50/s}, {@code 500/min}, {@code 2000/30min}, {@code 10/500ms}, {@code 100/h}
     * or {@code 5/2s}; the unit is one of {@code ms}, {@code s}, {@code m}, {@code min}, {@code h}
     * and {@code d}.
     *
     * @throws IllegalArgumentException naming the text and showing valid examples
     */
    public static RateLimit parse(String text) {
        Matcher m = text == null ? null : FORM.matcher(text);
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("Rate limit '" + text + "' is not valid; " + EXAMPLES);
        }
        String amount = m.group(2).isEmpty() ? "1" : m.group(2);
        Duration per;
        try {
            per = Config.parseDuration("rate limit", amount + m.group(3));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("Rate limit '" + text + "' has an unknown unit '" + m.group(3) + "'; " + EXAMPLES, e);
        }
        try {
            return new RateLimit(Integer.parseInt(m.group(1)), per);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Rate limit '" + text + "' is not valid: " + e.getMessage(), e);
        }
    }

    /**
     * Parses a comma-separated list such as {@code 50/s,500/min,2000/30min}.
     *
     * @throws IllegalArgumentException naming the first bad item
     */
    public static List<RateLimit> parseAll(String text) {
        List<RateLimit> limits = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                limits.add(parse(part));
            }
        }
        if (limits.isEmpty()) {
            throw new IllegalArgumentException("Rate limit '" + text + "' is empty; " + EXAMPLES);
        }
        return List.copyOf(limits);
    }

    /** The compact form that {@link #parse} reads, such as {@code 50/s} or {@code 2000/30min}. */
    @Override
    public String toString() {
        long ms = per.toMillis();
        String unit;
        if (ms % 86_400_000 == 0) {
            unit = amount(ms / 86_400_000) + "d";
        } else if (ms % 3_600_000 == 0) {
            unit = amount(ms / 3_600_000) + "h";
        } else if (ms % 60_000 == 0) {
            unit = amount(ms / 60_000) + "min";
        } else if (ms % 1000 == 0) {
            unit = amount(ms / 1000) + "s";
        } else {
            unit = ms + "ms";
        }
        return permits + "/" + unit;
    }

    private static String amount(long n) {
        return n == 1 ? "" : Long.toString(n);
    }
}
