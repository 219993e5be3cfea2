package io.tradingjobs.nse.corporate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tradingjobs.core.http.Http;
import io.tradingjobs.core.http.HttpException;
import io.tradingjobs.nse.internal.ExchangeDates;
import io.tradingjobs.nse.internal.NseSession;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** The NSE and BSE endpoints the corporate-actions job reads. */
final class CorporateClient {
    static final String NSE_ACTIONS = "/api/corporates-corporateActions";
    static final String NSE_ANNOUNCEMENTS = "/api/corporate-announcements";
    static final String NSE_BOARD_MEETINGS = "/api/corporate-board-meetings";
    static final String BSE_ANNOUNCEMENTS = "/BseIndiaAPI/api/AnnGetData/w";
    static final String BSE_ACTIONS = "/BseIndiaAPI/api/DefaultData/w";
    static final String BSE_RESULTS = "/BseIndiaAPI/api/Corpforthresults/w";
    private static final int BSE_MAX_PAGES = 20;

    private final Http http;
    private final NseSession nse;
    private final String bseBase;

    CorporateClient(Http http, NseSession nse, String bseBase) {
        this.http = http;
        this.nse = nse;
        this.bseBase = bseBase;
    }

    /** An answer and the URL it came from (for messages). */
    record Answer(String url, JsonNode json) {
    }

    /** One of NSE's equities endpoints for {@code from}..{@code to} (query dates {@code DD-MM-YYYY}). */
    Answer nse(String path, LocalDate from, LocalDate to) throws HttpException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("index", "equities");
        query.put("from_date", ExchangeDates.nseQuery(from));
        query.put("to_date", ExchangeDates.nseQuery(to));
        return new Answer(nse.baseUrl() + path, nse.getJson(path, query));
    }

    /** BSE announcements of {@code from}..{@code to}, every page, as one {@code {Table:[...]}}. */
    Answer bseAnnouncements(LocalDate from, LocalDate to) throws HttpException {
        String url = bseBase + BSE_ANNOUNCEMENTS;
        ObjectNode all = JsonNodeFactory.instance.objectNode();
        ArrayNode table = all.putArray("Table");
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int page = 1; page <= BSE_MAX_PAGES; page++) {
            JsonNode json = bse(BSE_ANNOUNCEMENTS).query("pageno", Integer.toString(page)).query("strCat", "-1")
                    .query("strPrevDate", ExchangeDates.bseQuery(from)).query("strScrip", "").query("strSearch", "P")
                    .query("strToDate", ExchangeDates.bseQuery(to)).query("strType", "C").query("subcategory", "-1")
                    .send().json();
            if (!json.isObject() || !json.path("Table").isArray()) {
                return new Answer(url, json); // the parser says what is wrong
            }
            int before = table.size();
            for (JsonNode row : json.path("Table")) {
                String id = row.path("NEWSID").asText("");
                if (id.isEmpty() || seen.add(id)) {
                    table.add(row);
                }
            }
            int total = json.path("Table1").path(0).path("ROWCNT").asInt(0);
            // Stop at the end, and when a page brings nothing new (BSE repeats the last page).
            if (table.size() == before || table.size() >= total) {
                break;
            }
        }
        return new Answer(url, all);
    }

    /** BSE corporate actions (equity) with ex-dates in {@code from}..{@code to}. */
    Answer bseActions(LocalDate from, LocalDate to) throws HttpException {
        JsonNode json = bse(BSE_ACTIONS).query("Fdate", ExchangeDates.bseQuery(from)).query("Purposecode", "")
                .query("TDate", ExchangeDates.bseQuery(to)).query("ddlcategorys", "E").query("ddlindustrys", "")
                .query("scripcode", "").query("segment", "0").query("strSearch", "S").send().json();
        return new Answer(bseBase + BSE_ACTIONS, json);
    }

    /** BSE's results calendar for {@code from}..{@code to}. */
    Answer bseResults(LocalDate from, LocalDate to) throws HttpException {
        JsonNode json = bse(BSE_RESULTS).query("fromdate", ExchangeDates.bseQuery(from)).query("scripcode", "")
                .query("todate", ExchangeDates.bseQuery(to)).send().json();
        return new Answer(bseBase + BSE_RESULTS, json);
    }

    private Http.Request bse(String path) {
        // BSE's API answers only requests that look like they come from its own pages.
        return http.get(bseBase + path).header("Accept", "application/json, text/plain, */*")
                .header("Referer", "https://www.bseindia.com/").header("Origin", "https://www.bseindia.com");
    }
}
