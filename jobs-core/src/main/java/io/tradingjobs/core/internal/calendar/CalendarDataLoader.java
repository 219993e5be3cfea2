package io.tradingjobs.core.internal.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tradingjobs.core.calendar.Session;
import io.tradingjobs.core.calendar.SessionKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Reads an exchange calendar from its JSON resource (see {@code io/tradingjobs/core/calendar/*.json}).
 * Every problem in the file is collected and reported in one exception, each with its path in the
 * file and the bad value.
 *
 * <p>Shape: {@code code}, {@code zone}, {@code tradingDays}, {@code holidayYears},
 * {@code regularSessions[] {from, sessions[]}}, {@code holidays[] {date, name}},
 * {@code specialSessions[] {date, description, sessions[]}},
 * {@code shortenedPeriods[] {from, to, description, sessions[]}}, where a session is
 * {@code {kind, start, end}} in local time. Documentation fields ({@code name}, {@code source},
 * {@code verified}, {@code assumptions}, {@code status}, {@code note}) are ignored; any other
 * field is an error so that a typo does not silently drop data.
 */
public final class CalendarDataLoader {

    private static final Set<String> DOC_FIELDS = Set.of("source", "status", "note");

    private final String resource;
    private final List<String> problems = new ArrayList<>();

    private CalendarDataLoader(String resource) {
        this.resource = resource;
    }

    /**
     * Parses {@code in} (which the caller closes) into a calendar.
     *
     * @param resource the resource's name, used in error messages
     * @throws IllegalStateException listing every problem when the data is invalid
     */
    public static ExchangeCalendar load(String resource, InputStream in) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Trading calendar resource " + resource + " is not valid JSON: "
                    + e.getMessage(), e);
        }
        return new CalendarDataLoader(resource).parse(root);
    }

    private ExchangeCalendar parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw invalid(List.of("the file must hold one JSON object"));
        }
        checkFields(root, "", Set.of("code", "name", "zone", "tradingDays", "holidayYears", "source", "verified",
                "assumptions", "regularSessions", "holidays", "specialSessions", "shortenedPeriods"));
        String code = text(root, "code", "");
        ZoneId zone = parse(root, "zone", "", "a region id such as Asia/Kolkata", ZoneId::of);
        if (code == null || zone == null) {
            throw invalid(problems);
        }
        ExchangeCalendar.Builder builder = ExchangeCalendar.builder(code.trim().toUpperCase(Locale.ROOT), zone);

        for (JsonNode day : array(root, "tradingDays", "")) {
            DayOfWeek dayOfWeek = value(day, "tradingDays", "a day such as MONDAY",
                    v -> DayOfWeek.valueOf(v.toUpperCase(Locale.ROOT)));
            if (dayOfWeek != null) {
                builder.tradingDay(dayOfWeek);
            }
        }
        Set<Integer> years = new TreeSet<>();
        for (JsonNode year : array(root, "holidayYears", "")) {
            if (year.canConvertToInt() && year.asInt() >= 1900) {
                years.add(year.asInt());
                builder.holidayYear(year.asInt());
            } else {
                problems.add("holidayYears: '" + year + "' is not a year such as 2026");
            }
        }

        int i = 0;
        for (JsonNode entry : array(root, "regularSessions", "")) {
            String at = "regularSessions[" + i++ + "]";
            checkFields(entry, at, Set.of("from", "sessions"));
            LocalDate from = date(entry, "from", at);
            List<Session> sessions = sessions(entry, at);
            if (from != null && sessions != null) {
                builder.regularSessions(from, sessions);
            }
        }
        if (!builder.hasRegularSessions() && problems.isEmpty()) {
            problems.add("regularSessions: at least one entry is required");
        }

        Set<LocalDate> seen = new HashSet<>();
        i = 0;
        for (JsonNode entry : array(root, "holidays", "")) {
            String at = "holidays[" + i++ + "]";
            checkFields(entry, at, Set.of("date", "name"));
            LocalDate date = date(entry, "date", at);
            String name = text(entry, "name", at);
            if (date == null || name == null) {
                continue;
            }
            if (!seen.add(date)) {
                problems.add(at + ".date: " + date + " is listed twice");
            } else if (!years.contains(date.getYear())) {
                problems.add(at + ".date: " + date + " is outside holidayYears " + years
                        + "; add the year there once its holidays are complete");
            } else {
                builder.holiday(date, name);
            }
        }

        i = 0;
        for (JsonNode entry : array(root, "specialSessions", "")) {
            String at = "specialSessions[" + i++ + "]";
            checkFields(entry, at, Set.of("date", "description", "sessions"));
            LocalDate date = date(entry, "date", at);
            text(entry, "description", at);
            List<Session> sessions = sessions(entry, at);
            if (date != null && sessions != null) {
                builder.specialSessions(date, sessions);
            }
        }

        i = 0;
        for (JsonNode entry : array(root, "shortenedPeriods", "")) {
            String at = "shortenedPeriods[" + i++ + "]";
            checkFields(entry, at, Set.of("from", "to", "description", "sessions"));
            LocalDate from = date(entry, "from", at);
            LocalDate to = date(entry, "to", at);
            text(entry, "description", at);
            List<Session> sessions = sessions(entry, at);
            if (from != null && to != null && to.isBefore(from)) {
                problems.add(at + ": to " + to + " is before from " + from);
            } else if (from != null && to != null && sessions != null) {
                builder.shortenedPeriod(from, to, sessions);
            }
        }

        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        return builder.build();
    }

    /** The sessions of {@code entry}, with at least one trading session; null after recording a problem. */
    private List<Session> sessions(JsonNode entry, String at) {
        List<Session> sessions = new ArrayList<>();
        int before = problems.size();
        int i = 0;
        for (JsonNode node : array(entry, "sessions", at)) {
            String sessionAt = at + ".sessions[" + i++ + "]";
            checkFields(node, sessionAt, Set.of("kind", "start", "end"));
            SessionKind kind = parse(node, "kind", sessionAt, "one of " + Arrays.toString(SessionKind.values()),
                    v -> SessionKind.valueOf(v.toUpperCase(Locale.ROOT)));
            LocalTime start = parse(node, "start", sessionAt, "a time such as 09:15", LocalTime::parse);
            LocalTime end = parse(node, "end", sessionAt, "a time such as 15:30", LocalTime::parse);
            if (kind != null && start != null && end != null) {
                try {
                    sessions.add(new Session(kind, start, end));
                } catch (IllegalArgumentException e) {
                    problems.add(sessionAt + ": " + e.getMessage());
                }
            }
        }
        if (problems.size() > before) {
            return null;
        }
        if (sessions.isEmpty()) {
            problems.add(at + ".sessions: at least one session is required");
            return null;
        }
        if (sessions.stream().noneMatch(Session::isTrading)) {
            problems.add(at + ".sessions: needs a CONTINUOUS or SPECIAL session, got " + sessions);
            return null;
        }
        try {
            new DaySchedule(sessions);
        } catch (IllegalArgumentException e) {
            problems.add(at + ".sessions: " + e.getMessage());
            return null;
        }
        return sessions;
    }

    private void checkFields(JsonNode node, String at, Set<String> known) {
        if (!node.isObject()) {
            problems.add((at.isEmpty() ? "root" : at) + ": expected an object, got " + node);
            return;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name) && !DOC_FIELDS.contains(name)) {
                problems.add(path(at, name) + ": unknown field; expected one of " + new TreeSet<>(known));
            }
        }
    }

    private Iterable<JsonNode> array(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            problems.add(path(at, field) + ": expected an array, got " + value);
            return List.of();
        }
        return value;
    }

    private String text(JsonNode node, String field, String at) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            problems.add(path(at, field) + ": a non-blank text is required, got " + value);
            return null;
        }
        return value.asText();
    }

    private LocalDate date(JsonNode node, String field, String at) {
        return parse(node, field, at, "a date such as 2026-01-26", LocalDate::parse);
    }

    private <T> T parse(JsonNode node, String field, String at, String expected, Function<String, T> parser) {
        String text = text(node, field, at);
        return text == null ? null : convert(text, path(at, field), expected, parser);
    }

    private <T> T value(JsonNode node, String at, String expected, Function<String, T> parser) {
        if (!node.isTextual()) {
            problems.add(at + ": '" + node + "' is not " + expected);
            return null;
        }
        return convert(node.asText(), at, expected, parser);
    }

    private <T> T convert(String text, String at, String expected, Function<String, T> parser) {
        try {
            return parser.apply(text.trim());
        } catch (DateTimeException | IllegalArgumentException e) {
            problems.add(at + ": '" + text + "' is not " + expected);
            return null;
        }
    }

    private static String path(String at, String field) {
        return at.isEmpty() ? field : at + "." + field;
    }

    private IllegalStateException invalid(List<String> found) {
        return new IllegalStateException("Trading calendar resource " + resource + " is invalid ("
                + found.size() + " problem" + (found.size() == 1 ? "" : "s") + "):\n - "
                + String.join("\n - ", found));
    }
}
