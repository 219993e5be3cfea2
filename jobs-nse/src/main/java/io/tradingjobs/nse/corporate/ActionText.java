package io.tradingjobs.nse.corporate;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the type and figures out of an exchange's free text: {@code Dividend - Rs 11 Per Share},
 * {@code Interim Dividend - Rs. - 18.0000}, {@code Bonus 2:1},
 * {@code Face Value Split (Sub-Division) - From Rs 10/- Per Share To Re 1/- Per Share},
 * {@code Stock  Split From Rs.5/- to Rs.2/-}.
 *
 * @param type what the text describes
 * @param dividendPerShare the dividend per share (several dividends in one text are added), or null
 * @param splitFrom the face value before a split, or null
 * @param splitTo the face value after a split, or null
 * @param ratio a bonus or rights ratio as {@code new:held}, or null
 */
record ActionText(ActionType type, BigDecimal dividendPerShare, BigDecimal splitFrom, BigDecimal splitTo, String ratio) {
    private static final String MONEY = "(?:\\brs\\b|\\bre\\b|\\binr\\b|\u20b9)\\.?\\s*-?\\s*(\\d+(?:\\.\\d+)?)";
    private static final Pattern AMOUNT = Pattern.compile(MONEY, Pattern.CASE_INSENSITIVE);
    private static final Pattern SPLIT = Pattern.compile(
            "from\\s*(?:(?:rs|re|inr|\u20b9)\\.?)?\\s*(\\d+(?:\\.\\d+)?).*?\\bto\\s*(?:(?:rs|re|inr|\u20b9)\\.?)?\\s*(\\d+(?:\\.\\d+)?)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern RATIO = Pattern.compile("(\\d+)\\s*:\\s*(\\d+)");
    private static final Pattern BUYBACK = Pattern.compile("buy\\s*-?\\s*back", Pattern.CASE_INSENSITIVE);
    private static final Pattern RIGHTS = Pattern.compile("\\brights?\\b", Pattern.CASE_INSENSITIVE);

    /** Parses an action's subject (NSE {@code subject}, BSE {@code Purpose}). */
    static ActionText ofAction(String text) {
        return parse(text, false);
    }

    /** Parses an announcement, where "financial results ... and dividend" is about results. */
    static ActionText ofAnnouncement(String text) {
        return parse(text, true);
    }

    private static ActionText parse(String text, boolean announcement) {
        String t = text == null ? "" : text;
        String lower = t.toLowerCase(Locale.ROOT);
        if (announcement && lower.contains("financial result")) {
            return new ActionText(ActionType.RESULTS, null, null, null, null);
        }
        if (BUYBACK.matcher(t).find()) {
            return new ActionText(ActionType.BUYBACK, null, null, null, null);
        }
        if (lower.contains("bonus")) {
            return new ActionText(ActionType.BONUS, null, null, null, ratio(t));
        }
        if (lower.contains("split") || lower.contains("sub-division") || lower.contains("sub division")) {
            Matcher m = SPLIT.matcher(t);
            return m.find() ? new ActionText(ActionType.SPLIT, null, number(m.group(1)), number(m.group(2)), null)
                    : new ActionText(ActionType.SPLIT, null, null, null, null);
        }
        if (RIGHTS.matcher(t).find()) {
            return new ActionText(ActionType.RIGHTS, null, null, null, ratio(t));
        }
        if (lower.contains("dividend")) {
            BigDecimal total = null;
            Matcher m = AMOUNT.matcher(t);
            while (m.find()) {
                BigDecimal amount = number(m.group(1));
                total = total == null ? amount : total.add(amount);
            }
            return new ActionText(ActionType.DIVIDEND, total == null ? null : normalize(total), null, null, null);
        }
        if (lower.contains("result")) {
            return new ActionText(ActionType.RESULTS, null, null, null, null);
        }
        return new ActionText(ActionType.OTHER, null, null, null, null);
    }

    private static String ratio(String t) {
        Matcher m = RATIO.matcher(t);
        return m.find() ? Integer.parseInt(m.group(1)) + ":" + Integer.parseInt(m.group(2)) : null;
    }

    private static BigDecimal number(String digits) {
        return normalize(new BigDecimal(digits));
    }

    /** {@code 18.0000} -> {@code 18}, {@code 0.50} -> {@code 0.5}: one spelling per amount, for keys and storage. */
    static BigDecimal normalize(BigDecimal value) {
        BigDecimal v = value.stripTrailingZeros();
        return v.scale() < 0 ? v.setScale(0) : v;
    }
}
