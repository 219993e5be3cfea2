package io.tradingjobs.nse.internal;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The date forms NSE and BSE write: {@code 17-Oct-2023}, {@code 25 Oct 2023}, {@code 20231025}, ISO. */
public final class ExchangeDates {
    private static final List<DateTimeFormatter> FORMS = List.of(
            pattern("d-MMM-uuuu"), pattern("d MMM uuuu"), pattern("uuuuMMdd"), pattern("uuuu-MM-dd"), pattern("d-MM-uuuu"));

    private ExchangeDates() {
    }

    private static DateTimeFormatter pattern(String p) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(p).toFormatter(Locale.ENGLISH);
    }

    /**
     * The date of {@code text}, empty for none ({@code null}, blank, {@code -}, {@code NA}).
     * A time after the date ({@code 18-Oct-2023 22:11:42}, {@code 2023-10-20T23:44:22.95}) is ignored.
     *
     * @throws BadDataException naming the URL, the field and the text when it is not a date
     */
    public static Optional<LocalDate> parse(String text, String field, String url) throws BadDataException {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim();
        if (t.isEmpty() || t.equals("-") || t.equalsIgnoreCase("NA") || t.equalsIgnoreCase("null")) {
            return Optional.empty();
        }
        String datePart = t.contains("T") && t.matches("\\d{4}-.*") ? t.substring(0, t.indexOf('T'))
                : t.replaceFirst("\\s+\\d{1,2}:\\d{2}(:\\d{2}(\\.\\d+)?)?$", "");
        for (DateTimeFormatter f : FORMS) {
            try {
                return Optional.of(LocalDate.parse(datePart, f));
            } catch (DateTimeParseException e) {
                // try the next form
            }
        }
        throw new BadDataException(url, field + " '" + t + "' is not a date (expected forms like 17-Oct-2023, 25 Oct 2023 or 20231025)");
    }

    /** {@code date} as NSE's query form {@code DD-MM-YYYY}. */
    public static String nseQuery(LocalDate date) {
        return date.format(DateTimeFormatter.ofPattern("dd-MM-uuuu", Locale.ROOT));
    }

    /** {@code date} as BSE's query form {@code YYYYMMDD}. */
    public static String bseQuery(LocalDate date) {
        return date.format(DateTimeFormatter.BASIC_ISO_DATE);
    }
}
