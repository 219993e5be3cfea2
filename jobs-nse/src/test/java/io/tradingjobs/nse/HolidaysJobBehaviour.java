package io.tradingjobs.nse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tradingjobs.core.JobRun;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.calendar.TradingCalendar;
import io.tradingjobs.core.test.LocalHttpServer.Reply;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** {@code nse.holidays} on a real scheduler and database. */
abstract class HolidaysJobBehaviour extends NseJobsBehaviour {
    static final String HOLIDAYS = "/api/holiday-master";
    static final LocalDate MONDAY = LocalDate.of(2026, 11, 30); // a trading day in the shipped table

    static final String HOLIDAYS_2026 = """
            {"CM":[
              {"tradingDate":"26-Jan-2026","weekDay":"Monday","description":"Republic Day","Sr_no":1},
              {"tradingDate":"30-Nov-2026","weekDay":"Monday","description":"Exchange closure (test)","Sr_no":2}],
             "FO":[{"tradingDate":"26-Jan-2026","weekDay":"Monday","description":"Republic Day","Sr_no":1}]}""";

    private TradingCalendar nseCalendar() {
        CalendarProbe.STORE.set(null);
        runSucceeding("test.calendar-probe");
        await().until(() -> CalendarProbe.STORE.get() != null);
        return CalendarProbe.STORE.get().calendar("NSE");
    }

    private List<String> storedHolidays() {
        return query(db -> db.select(DSL.field("day", String.class)).from(DSL.table("calendar_days"))
                .where(DSL.field("exchange").eq("NSE").and(DSL.field("kind").eq("HOLIDAY")))
                .orderBy(DSL.field("day")).fetch(DSL.field("day", String.class)));
    }

    @Test
    void theEquityHolidaysReachTheNseCalendarThatSchedulesUse() {
        nseApi(HOLIDAYS, Reply.json(HOLIDAYS_2026));
        start(Map.of());
        assertThat(nseCalendar().isTradingDay(MONDAY)).isTrue();

        JobRun run = runSucceeding("nse.holidays");

        assertThat(run.message()).contains("2026: 2");
        assertThat(server.requests("GET", HOLIDAYS).get(server.requestCount("GET", HOLIDAYS) - 1).query("type")).contains("trading");
        assertThat(storedHolidays()).contains("2026-01-26", "2026-11-30");
        assertThat(nseCalendar().isTradingDay(MONDAY)).isFalse();
    }

    @Test
    void theRealSampleIsStoredForItsYear() {
        nseApi(HOLIDAYS, Reply.resource(Fixtures.resource("nse_api_holidays.sample.json")));
        start(Map.of());

        runSucceeding("nse.holidays");

        assertThat(storedHolidays()).contains("2023-01-26");
    }

    @Test
    void anEmptyOrHtmlAnswerFailsWithTheUrlAndTheStoredHolidaysStay() {
        nseApi(HOLIDAYS, Reply.json(HOLIDAYS_2026));
        start(Map.of());
        runSucceeding("nse.holidays");

        nseApi(HOLIDAYS, Reply.json("{\"CM\":[],\"FO\":[]}"));
        JobRun empty = run("nse.holidays");
        nseApi(HOLIDAYS, Reply.html("<html>Service unavailable</html>"));
        JobRun html = run("nse.holidays");

        assertThat(empty.status()).isEqualTo(RunStatus.FAILED);
        assertThat(empty.message()).contains(server.url(HOLIDAYS)).contains("'CM' list of holidays is empty");
        assertThat(html.status()).isEqualTo(RunStatus.FAILED);
        assertThat(html.message()).contains(server.url(HOLIDAYS)).contains("HTML");
        assertThat(storedHolidays()).contains("2026-01-26", "2026-11-30");
        assertThat(nseCalendar().isTradingDay(MONDAY)).isFalse();
    }
}
