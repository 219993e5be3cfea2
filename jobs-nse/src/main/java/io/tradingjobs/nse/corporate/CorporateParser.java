package io.tradingjobs.nse.corporate;

import com.fasterxml.jackson.databind.JsonNode;
import io.tradingjobs.nse.internal.BadDataException;
import io.tradingjobs.nse.internal.ExchangeDates;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns the NSE and BSE JSON answers into {@link CorporateEvent}s and {@link EarningsEvent}s. */
final class CorporateParser {
    private static final Pattern BSE_PAGE = Pattern.compile("/stock-share-price/[^/]+/([^/]+)/\\d+/?");

    private CorporateParser() {
    }

    /** NSE {@code /api/corporates-corporateActions}: an array of {@code symbol, series, subject, exDate, recDate, isin, comp...}. */
    static List<CorporateEvent> nseActions(String url, JsonNode json, boolean emptyIsBad) throws BadDataException {
        List<CorporateEvent> events = new ArrayList<>();
        for (JsonNode item : array(url, json, emptyIsBad, "corporate actions")) {
            String subject = required(url, item, "subject");
            LocalDate ex = ExchangeDates.parse(text(item, "exDate"), "exDate", url).orElse(null);
            events.add(new CorporateEvent("NSE", symbol(required(url, item, "symbol")), text(item, "isin"), text(item, "comp"),
                    ActionText.ofAction(subject), ex, ExchangeDates.parse(text(item, "recDate"), "recDate", url).orElse(null), ex,
                    subject));
        }
        return events;
    }

    /** NSE {@code /api/corporate-announcements}: an array of {@code symbol, desc, an_dt, sm_isin, sm_name, attchmntText...}. */
    static List<CorporateEvent> nseAnnouncements(String url, JsonNode json) throws BadDataException {
        List<CorporateEvent> events = new ArrayList<>();
        for (JsonNode item : array(url, json, false, "announcements")) {
            String desc = required(url, item, "desc");
            String detail = text(item, "attchmntText");
            String subject = detail == null ? desc : desc + ": " + detail;
            LocalDate on = ExchangeDates.parse(firstText(item, "an_dt", "sort_date"), "an_dt", url).orElse(null);
            events.add(new CorporateEvent("NSE", symbol(required(url, item, "symbol")), text(item, "sm_isin"), text(item, "sm_name"),
                    ActionText.ofAnnouncement(subject), null, null, on, subject));
        }
        return events;
    }

    /** NSE {@code /api/corporate-board-meetings}: the meetings whose purpose mentions results. */
    static List<EarningsEvent> nseBoardMeetings(String url, JsonNode json) throws BadDataException {
        List<EarningsEvent> events = new ArrayList<>();
        for (JsonNode item : array(url, json, false, "board meetings")) {
            String purpose = firstText(item, "bm_purpose", "bm_desc");
            LocalDate date = ExchangeDates.parse(required(url, item, "bm_date"), "bm_date", url).orElseThrow();
            if (purpose != null && purpose.toLowerCase(Locale.ROOT).contains("result")) {
                events.add(new EarningsEvent("NSE", symbol(required(url, item, "bm_symbol")), text(item, "sm_isin"), text(item, "sm_name"),
                        date, purpose));
            }
        }
        return events;
    }

    /** BSE {@code AnnGetData/w}: {@code {Table:[{SCRIP_CD, NEWSSUB, HEADLINE, CATEGORYNAME, NEWS_DT, NSURL...}]}}. */
    static List<CorporateEvent> bseAnnouncements(String url, JsonNode json) throws BadDataException {
        if (json == null || !json.isObject() || !json.path("Table").isArray()) {
            throw new BadDataException(url, "expected an object with a Table array (BSE announcements), got " + describe(json));
        }
        List<CorporateEvent> events = new ArrayList<>();
        for (JsonNode item : json.path("Table")) {
            String newsSub = required(url, item, "NEWSSUB");
            String headline = text(item, "HEADLINE");
            String category = text(item, "CATEGORYNAME");
            String subject = headline == null ? newsSub : newsSub + ": " + headline;
            String classified = (category == null ? "" : category + " ") + subject;
            LocalDate on = ExchangeDates.parse(firstText(item, "NEWS_DT", "DT_TM"), "NEWS_DT", url).orElse(null);
            events.add(new CorporateEvent("BSE", bseSymbol(item), null, text(item, "SLONGNAME"), ActionText.ofAnnouncement(classified),
                    null, null, on, subject));
        }
        return events;
    }

    /** BSE {@code DefaultData/w}: an array of {@code short_name, Ex_date, Purpose, RD_Date, long_name...}. */
    static List<CorporateEvent> bseActions(String url, JsonNode json) throws BadDataException {
        List<CorporateEvent> events = new ArrayList<>();
        for (JsonNode item : array(url, json, false, "BSE corporate actions")) {
            String purpose = required(url, item, "Purpose");
            LocalDate ex = ExchangeDates.parse(firstText(item, "Ex_date", "exdate"), "Ex_date", url).orElse(null);
            events.add(new CorporateEvent("BSE", bseSymbol(item), null, text(item, "long_name"), ActionText.ofAction(purpose), ex,
                    ExchangeDates.parse(text(item, "RD_Date"), "RD_Date", url).orElse(null), ex, purpose.replaceAll("\\s+", " ")));
        }
        return events;
    }

    /** BSE {@code Corpforthresults/w}: an array of {@code short_name, Long_Name, meeting_date}. */
    static List<EarningsEvent> bseResults(String url, JsonNode json) throws BadDataException {
        List<EarningsEvent> events = new ArrayList<>();
        for (JsonNode item : array(url, json, false, "BSE results calendar")) {
            LocalDate date = ExchangeDates.parse(required(url, item, "meeting_date"), "meeting_date", url).orElseThrow();
            events.add(new EarningsEvent("BSE", bseSymbol(item), null, firstText(item, "Long_Name", "long_name"), date, "Financial Results"));
        }
        return events;
    }

    private static String bseSymbol(JsonNode item) {
        String shortName = firstText(item, "short_name", "SHORT_NAME");
        if (shortName != null) {
            return symbol(shortName);
        }
        String page = text(item, "NSURL");
        if (page != null) {
            Matcher m = BSE_PAGE.matcher(page);
            if (m.find()) {
                return symbol(m.group(1));
            }
        }
        // No symbol at all: the scrip code keeps BSE's events apart from each other.
        return "BSE:" + firstText(item, "SCRIP_CD", "scrip_code", "scrip_Code");
    }

    private static Iterable<JsonNode> array(String url, JsonNode json, boolean emptyIsBad, String what) throws BadDataException {
        if (json == null || !json.isArray()) {
            throw new BadDataException(url, "expected a JSON array of " + what + ", got " + describe(json));
        }
        if (emptyIsBad && json.isEmpty()) {
            throw new BadDataException(url, "expected " + what + " but the answer is an empty array");
        }
        return json;
    }

    private static String describe(JsonNode json) {
        if (json == null) {
            return "nothing";
        }
        String text = json.toString();
        return json.getNodeType().name().toLowerCase(Locale.ROOT) + " " + (text.length() > 100 ? text.substring(0, 100) + "..." : text);
    }

    private static String required(String url, JsonNode item, String field) throws BadDataException {
        String value = text(item, field);
        if (value == null) {
            throw new BadDataException(url, "an entry has no '" + field + "' (the format changed?): " + describe(item));
        }
        return value;
    }

    private static String firstText(JsonNode item, String... fields) {
        for (String f : fields) {
            String v = text(item, f);
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    static String text(JsonNode item, String field) {
        JsonNode node = item.get(field);
        if (node == null || node.isNull() || node.isContainerNode()) {
            return null;
        }
        String v = node.asText().trim();
        return v.isEmpty() || v.equals("-") ? null : v;
    }

    private static String symbol(String raw) {
        return raw.trim().toUpperCase(Locale.ROOT);
    }
}
