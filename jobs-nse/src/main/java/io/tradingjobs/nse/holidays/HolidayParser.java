package io.tradingjobs.nse.holidays;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingjobs.core.calendar.CalendarDay;
import io.tradingjobs.nse.internal.BadDataException;
import io.tradingjobs.nse.internal.ExchangeDates;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads {@code /api/holiday-master?type=trading}: an object keyed by segment ({@code CM} is
 * equities) of {@code [{tradingDate:"26-Jan-2023", weekDay, description}]}.
 */
final class HolidayParser {
    private HolidayParser() {
    }

    /**
     * The holidays of {@code segment}, by year.
     *
     * @throws BadDataException naming the URL when the segment is missing or empty or a date does not parse
     */
    static Map<Integer, List<CalendarDay>> parse(String url, JsonNode json, String segment) throws BadDataException {
        if (json == null || !json.isObject()) {
            throw new BadDataException(url, "expected an object keyed by segment (CM, FO, ...), got " + (json == null ? "nothing" : json.getNodeType()));
        }
        JsonNode list = json.get(segment);
        if (list == null || !list.isArray()) {
            List<String> keys = new ArrayList<>();
            json.fieldNames().forEachRemaining(keys::add);
            throw new BadDataException(url, "has no '" + segment + "' list of holidays; segments present: " + keys);
        }
        if (list.isEmpty()) {
            throw new BadDataException(url, "the '" + segment + "' list of holidays is empty; the stored holidays are kept");
        }
        Map<Integer, List<CalendarDay>> byYear = new TreeMap<>();
        for (JsonNode item : list) {
            JsonNode dateNode = item.get("tradingDate");
            if (dateNode == null || dateNode.isNull() || dateNode.asText().isBlank()) {
                throw new BadDataException(url, "a '" + segment + "' entry has no tradingDate: " + item);
            }
            LocalDate day = ExchangeDates.parse(dateNode.asText(), "tradingDate", url).orElseThrow();
            String description = item.path("description").asText("").trim();
            byYear.computeIfAbsent(day.getYear(), y -> new ArrayList<>())
                    .add(CalendarDay.holiday(day, description.isEmpty() ? "Holiday" : description));
        }
        return byYear;
    }
}
