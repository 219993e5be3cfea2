package io.tradingjobs.nse;

import static io.tradingjobs.nse.internal.db.Tables.EARNINGS_CALENDAR;
import static org.assertj.core.api.Assertions.assertThat;

import io.tradingjobs.core.JobRun;
import io.tradingjobs.nse.internal.NseSettings;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.test.LocalHttpServer.RecordedRequest;
import io.tradingjobs.core.test.LocalHttpServer.Reply;
import io.tradingjobs.nse.internal.ExchangeDates;
import io.tradingjobs.nse.internal.db.tables.records.CorporateAnnouncementsRecord;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code nse.corporate-actions} on a real scheduler and database. */
abstract class CorporateActionsJobBehaviour extends NseJobsBehaviour {
    static final String NSE_ACTIONS = "/api/corporates-corporateActions";
    static final String NSE_ANNOUNCEMENTS = "/api/corporate-announcements";
    static final String NSE_MEETINGS = "/api/corporate-board-meetings";
    static final String BSE_ANNOUNCEMENTS = "/BseIndiaAPI/api/AnnGetData/w";
    static final String BSE_ACTIONS = "/BseIndiaAPI/api/DefaultData/w";
    static final String BSE_RESULTS = "/BseIndiaAPI/api/Corpforthresults/w";

    /** NSE actions in the real shape: INFY's dividend (also in the BSE sample), a split, a bonus, one without dates. */
    static final String NSE_ACTIONS_JSON = """
            [
              {"symbol":"INFY","series":"EQ","ind":"-","faceVal":"5","subject":"Interim Dividend - Rs 18 Per Share",
               "exDate":"25-Oct-2023","recDate":"25-Oct-2023","bcStartDate":"-","bcEndDate":"-","ndStartDate":"-",
               "comp":"Infosys Limited","isin":"INE009A01021","ndEndDate":"-","caBroadcastDate":null},
              {"symbol":"ITC","series":"EQ","ind":"-","faceVal":"1","subject":"Dividend - Rs 11 Per Share",
               "exDate":"04-Jun-2024","recDate":"04-Jun-2024","bcStartDate":"-","bcEndDate":"-","ndStartDate":"-",
               "comp":"ITC Limited","isin":"INE154A01025","ndEndDate":"-","caBroadcastDate":null},
              {"symbol":"GENSOL","series":"EQ","ind":"-","faceVal":"10","subject":"Bonus 2:1","exDate":"17-Oct-2023",
               "recDate":"17-Oct-2023","bcStartDate":"-","bcEndDate":"-","ndStartDate":"-","comp":"Gensol Engineering Limited",
               "isin":"INE06H201014","ndEndDate":"-","caBroadcastDate":null},
              {"symbol":"KPIGREEN","series":"BE","ind":"-","faceVal":"10",
               "subject":"Face Value Split (Sub-Division) - From Rs 10/- Per Share To Re 1/- Per Share","exDate":"27-Oct-2023",
               "recDate":"-","bcStartDate":"-","bcEndDate":"-","ndStartDate":"-","comp":"KPI Green Energy Limited",
               "isin":"INE542W01017","ndEndDate":"-","caBroadcastDate":null}
            ]""";

    private void serveEverything() {
        nseApi(NSE_ACTIONS, Reply.json(NSE_ACTIONS_JSON));
        nseApi(NSE_ANNOUNCEMENTS, Reply.resource(Fixtures.resource("nse_api_announcements.sample.json")));
        nseApi(NSE_MEETINGS, Reply.resource(Fixtures.resource("nse_api_boardMeetings.sample.json")));
        server.on("GET", BSE_ANNOUNCEMENTS, Reply.resource(Fixtures.resource("bse_api_announcements.sample.json")));
        server.on("GET", BSE_ACTIONS, Reply.resource(Fixtures.resource("bse_api_actions.sample.json")));
        server.on("GET", BSE_RESULTS, Reply.resource(Fixtures.resource("bse_api_resultCalendar.sample.json")));
    }

    @Test
    void theSessionIsPrimedOnTheHomePageBeforeTheApiIsAskedWithNseDates() {
        serveEverything();
        start(Map.of());

        runSucceeding("nse.corporate-actions");

        assertThat(server.requests().get(0).path()).isEqualTo("/");
        assertThat(server.requestCount("GET", "/")).isEqualTo(1);
        RecordedRequest actions = server.requests("GET", NSE_ACTIONS).get(0);
        assertThat(actions.cookie("nsit")).contains("session-1");
        assertThat(actions.query("index")).contains("equities");
        assertThat(actions.query("from_date")).contains(ExchangeDates.nseQuery(todayInIndia().minusDays(7)));
        assertThat(actions.query("to_date")).contains(ExchangeDates.nseQuery(todayInIndia().plusDays(30)));
        assertThat(actions.header("User-Agent").orElseThrow()).startsWith("Mozilla/5.0");
        RecordedRequest bse = server.requests("GET", BSE_ANNOUNCEMENTS).get(0);
        assertThat(bse.query("strPrevDate")).contains(ExchangeDates.bseQuery(todayInIndia().minusDays(7)));
        assertThat(bse.header("Referer")).contains("https://www.bseindia.com/");
        // The sample says 1292 rows but its next page repeats the same row: paging stops there.
        assertThat(server.requests("GET", BSE_ANNOUNCEMENTS)).extracting(r -> r.query("pageno").orElseThrow()).containsExactly("1", "2");
    }

    @Test
    void actionsAreNormalisedWithExactFiguresAndTheSameEventOnBothExchangesIsOneRow() {
        serveEverything();
        start(Map.of());

        runSucceeding("nse.corporate-actions");
        Map<String, CorporateAnnouncementsRecord> rows = announcements();

        assertThat(rows.get("INFY|dividend|ex:2023-10-25|rs:18")).satisfies(r -> {
            assertThat(r.getExchanges()).isEqualTo("BSE,NSE");
            assertThat(r.getDividendPerShare()).isEqualTo("18");
            assertThat(r.getIsin()).isEqualTo("INE009A01021");
            assertThat(r.getRecordDate()).isEqualTo("2023-10-25");
            assertThat(r.getSubject()).isEqualTo("Interim Dividend - Rs 18 Per Share");
        });
        assertThat(rows.get("ITC|dividend|ex:2024-06-04|rs:11").getDividendPerShare()).isEqualTo("11");
        assertThat(rows.get("GENSOL|bonus|ex:2023-10-17|ratio:2:1").getBonusRatio()).isEqualTo("2:1");
        assertThat(rows.get("KPIGREEN|split|ex:2023-10-27|fv:10->1")).satisfies(r -> {
            assertThat(r.getSplitFrom()).isEqualTo("10");
            assertThat(r.getSplitTo()).isEqualTo("1");
            assertThat(r.getRecordDate()).isNull();
        });
        assertThat(rows.get("JAYBARMARU|split|ex:2023-10-26|fv:5->2").getExchanges()).isEqualTo("BSE");
        assertThat(rows.get("SPITZE|bonus|ex:2023-10-27|ratio:1:1").getActionType()).isEqualTo("bonus");
        assertThat(rows.values()).filteredOn(r -> r.getSymbol().equals("IDEA")).singleElement()
                .satisfies(r -> assertThat(r.getActionType()).isEqualTo("other"));
        assertThat(rows.values()).filteredOn(r -> r.getSymbol().equals("PANELEC")).singleElement()
                .satisfies(r -> assertThat(r.getEventDate()).isEqualTo("2023-10-20"));
        assertThat(rows).hasSize(8);
        assertThat(earnings()).containsExactly("ALOKTEXT 2023-10-23 BSE", "SIYSIL 2023-10-30 NSE");
    }

    @Test
    void aReRunStoresNothingTwiceAndWatchedSymbolsAlertOncePerEvent() {
        serveEverything();
        start(Map.of("nse.watchlist", "infy, GENSOL"));

        JobRun first = runSucceeding("nse.corporate-actions");
        JobRun second = runSucceeding("nse.corporate-actions");

        assertThat(announcements()).hasSize(8);
        assertThat(earnings()).hasSize(2);
        assertThat(notificationKeys()).containsExactly("nse.corporate:GENSOL|bonus|ex:2023-10-17|ratio:2:1",
                "nse.corporate:INFY|dividend|ex:2023-10-25|rs:18");
        assertThat(first.message()).startsWith("8 new and 0 known events").contains("2 watchlist alerts");
        assertThat(second.message()).startsWith("0 new and 8 known events").contains("0 watchlist alerts");
    }

    @Test
    void anExpiredSessionIsPrimedAgainAfterA401AndTheRunSucceeds() {
        serveEverything();
        start(Map.of(NseSettings.BSE_ENABLED, "false"));
        runSucceeding("nse.corporate-actions");
        assertThat(server.requestCount("GET", "/")).isEqualTo(1);

        nseSession.set("session-2"); // NSE expires the first session
        runSucceeding("nse.corporate-actions");

        assertThat(server.requestCount("GET", "/")).isEqualTo(2);
        assertThat(server.requests("GET", NSE_ACTIONS)).extracting(r -> r.cookie("nsit").orElse(""))
                .containsExactly("session-1", "session-1", "session-2");
        assertThat(server.requestCount("GET", BSE_ACTIONS)).isZero();
    }

    @Test
    void a403AfterAFreshSessionFailsWithTheUrlAndKeepsThePreviousData() {
        serveEverything();
        start(Map.of());
        runSucceeding("nse.corporate-actions");

        server.on("GET", NSE_ACTIONS, Reply.status(403).body("text/html", "<html>Access Denied</html>"));
        JobRun refused = run("nse.corporate-actions");

        assertThat(refused.status()).isEqualTo(RunStatus.FAILED);
        assertThat(refused.message()).contains(server.url(NSE_ACTIONS)).contains("HTTP 403 again after priming a fresh session");
        assertThat(server.requestCount("GET", NSE_ACTIONS)).isEqualTo(3);
        assertThat(announcements()).hasSize(8);
    }

    @Test
    void htmlAnUnparseableDateAndAnEmptyListFailNamingTheUrlWhileGoodSourcesAreStored() {
        serveEverything();
        nseApi(NSE_ACTIONS, Reply.html("<html><body>Resource not found</body></html>"));
        nseApi(NSE_ANNOUNCEMENTS, Reply.json("[{\"symbol\":\"IDEA\",\"desc\":\"Updates\",\"an_dt\":\"18/10/2023 22:11\"}]"));
        start(Map.of());

        JobRun run = run("nse.corporate-actions");

        assertThat(run.status()).isEqualTo(RunStatus.FAILED);
        assertThat(run.message()).contains("2 of 6 sources failed")
                .contains(server.url(NSE_ACTIONS)).contains("HTML")
                .contains(server.url(NSE_ANNOUNCEMENTS)).contains("an_dt '18/10/2023 22:11' is not a date");
        assertThat(announcements()).hasSize(4); // the BSE announcement and BSE's three actions
        assertThat(earnings()).hasSize(2);

        nseApi(NSE_ACTIONS, Reply.json("[]"));
        JobRun empty = run("nse.corporate-actions");
        assertThat(empty.message()).contains(server.url(NSE_ACTIONS)).contains("empty array");
    }

    @Test
    void aResultsMeetingListedByBothExchangesIsOneCalendarRowWithNsesPurpose() {
        serveEverything();
        server.on("GET", BSE_RESULTS, Reply.json("""
                [{"scrip_Code":"500206","short_name":"SIYSIL","Long_Name":"SIYARAM SILK MILLS LTD.","meeting_date":"30 Oct 2023",
                  "URL":"https://www.bseindia.com/stock-share-price/siyaram-silk-mills-ltd/siysil/503811/"}]"""));
        start(Map.of());

        runSucceeding("nse.corporate-actions");

        assertThat(earnings()).containsExactly("SIYSIL 2023-10-30 BSE,NSE");
        String purpose = query(db -> db.select(EARNINGS_CALENDAR.PURPOSE).from(EARNINGS_CALENDAR).fetchOne(EARNINGS_CALENDAR.PURPOSE));
        assertThat(purpose).contains("Quarterly Unaudited Financial results");
    }
}
