package io.tradingjobs.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingjobs.core.internal.calendar.CalendarDataLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Calendar data files")
class CalendarDataTest {

    private static TradingCalendar load(String json) {
        return CalendarDataLoader.load("test.json", new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    @DisplayName("switch to new session times from the date they take effect")
    void sessionTimesChangeByDate() {
        TradingCalendar calendar = load("""
                {
                  "code": "bvmt", "zone": "Africa/Tunis",
                  "tradingDays": ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"],
                  "holidayYears": [2020],
                  "regularSessions": [
                    {"from": "2020-03-18", "sessions": [{"kind": "CONTINUOUS", "start": "09:00", "end": "12:00"}]},
                    {"from": "2020-09-01", "sessions": [{"kind": "CONTINUOUS", "start": "09:00", "end": "14:00"}]}
                  ]
                }
                """);

        assertThat(calendar.code()).isEqualTo("BVMT");
        assertThat(calendar.close(LocalDate.of(2020, 8, 31)).orElseThrow().toLocalTime()).isEqualTo(LocalTime.of(12, 0));
        assertThat(calendar.close(LocalDate.of(2020, 9, 1)).orElseThrow().toLocalTime()).isEqualTo(LocalTime.of(14, 0));
        // Before the first recorded date the earliest timings stand.
        assertThat(calendar.close(LocalDate.of(2019, 1, 2)).orElseThrow().toLocalTime()).isEqualTo(LocalTime.of(12, 0));
    }

    @Test
    @DisplayName("report every problem at once, each with its place and bad value")
    void reportsAllProblems() {
        assertThatThrownBy(() -> load("""
                {
                  "code": "X", "zone": "Asia/Kolkata",
                  "tradingDays": ["MONDAY", "FUNDAY"],
                  "holidayYears": [2026],
                  "regularSessions": [{"from": "2026-01-01", "sessions": [
                    {"kind": "CONTINUOUS", "start": "09:15", "end": "15:30"},
                    {"kind": "AUCTION", "start": "15:40", "end": "16:00"}]}],
                  "holidays": [
                    {"date": "2026-02-30", "name": "Nowhere Day"},
                    {"date": "2027-01-26", "name": "Republic Day"}],
                  "specialSessions": [{"date": "2026-02-01", "description": "x",
                    "sessions": [{"kind": "PRE_OPEN", "start": "09:00", "end": "09:08"}]}],
                  "shortenedPerods": []
                }
                """))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("test.json")
                .hasMessageContaining("tradingDays: 'FUNDAY'")
                .hasMessageContaining("regularSessions[0].sessions[1].kind: 'AUCTION'")
                .hasMessageContaining("holidays[0].date: '2026-02-30'")
                .hasMessageContaining("holidays[1].date: 2027-01-26 is outside holidayYears [2026]")
                .hasMessageContaining("specialSessions[0].sessions: needs a CONTINUOUS or SPECIAL session")
                .hasMessageContaining("shortenedPerods: unknown field");
    }

    @Test
    @DisplayName("reject sessions that overlap")
    void rejectsOverlaps() {
        assertThatThrownBy(() -> load("""
                {
                  "code": "X", "zone": "UTC", "tradingDays": ["MONDAY"], "holidayYears": [],
                  "regularSessions": [{"from": "2026-01-01", "sessions": [
                    {"kind": "PRE_OPEN", "start": "09:00", "end": "09:30"},
                    {"kind": "CONTINUOUS", "start": "09:15", "end": "15:30"}]}]
                }
                """))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("overlap");
    }
}
