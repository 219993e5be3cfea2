package io.tradingjobs.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The NSE calendar")
class NseCalendarTest {

    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    private static final TradingCalendar NSE = TradingCalendars.nse();
    /** A plain Monday: no holiday, no special session. */
    private static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);

    private static Instant ist(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(IST).toInstant();
    }

    private static ZonedDateTime istTime(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(IST);
    }

    @Test
    @DisplayName("is the NSE in Asia/Kolkata")
    void codeAndZone() {
        assertThat(NSE.code()).isEqualTo("NSE");
        assertThat(NSE.zone()).isEqualTo(IST);
    }

    @Test
    @DisplayName("lists pre-open, continuous and closing sessions on a regular day")
    void regularSessions() {
        assertThat(NSE.isTradingDay(MONDAY)).isTrue();
        assertThat(NSE.sessions(MONDAY)).containsExactly(
                new Session(SessionKind.PRE_OPEN, LocalTime.of(9, 0), LocalTime.of(9, 8)),
                new Session(SessionKind.CONTINUOUS, LocalTime.of(9, 15), LocalTime.of(15, 30)),
                new Session(SessionKind.CLOSING, LocalTime.of(15, 40), LocalTime.of(16, 0)));
        assertThat(NSE.open(MONDAY)).contains(istTime("2026-03-02T09:15"));
        assertThat(NSE.close(MONDAY)).contains(istTime("2026-03-02T15:30"));
        assertThat(NSE.holidayName(MONDAY)).isEmpty();
    }

    @ParameterizedTest(name = "{0} ({1}) is closed")
    @CsvSource(delimiter = '|', value = {
        "2025-02-26 | Mahashivratri",
        "2025-03-14 | Holi",
        "2025-04-18 | Good Friday",
        "2025-10-22 | Diwali Balipratipada",
        "2025-12-25 | Christmas",
        "2026-01-15 | Municipal Corporation Election in Maharashtra",
        "2026-01-26 | Republic Day",
        "2026-03-03 | Holi",
        "2026-04-03 | Good Friday",
        "2026-11-10 | Diwali Balipratipada",
        "2026-12-25 | Christmas"})
    @DisplayName("closes on its holidays and names them")
    void holidaysAreClosed(LocalDate day, String name) {
        assertThat(NSE.isTradingDay(day)).isFalse();
        assertThat(NSE.sessions(day)).isEmpty();
        assertThat(NSE.open(day)).isEmpty();
        assertThat(NSE.close(day)).isEmpty();
        assertThat(NSE.holidayName(day)).contains(name);
        assertThat(NSE.isOpen(day.atTime(11, 0).atZone(IST).toInstant())).isFalse();
    }

    @Test
    @DisplayName("names 14 weekday holidays for 2025 and 16 for 2026, the Muhurat day trading")
    void holidayCounts() {
        assertThat(weekdays(2025).filter(d -> NSE.holidayName(d).isPresent()).count()).isEqualTo(14);
        assertThat(weekdays(2025).filter(d -> !NSE.isTradingDay(d)).count()).isEqualTo(13);
        assertThat(weekdays(2026).filter(d -> NSE.holidayName(d).isPresent()).count()).isEqualTo(16);
        assertThat(weekdays(2026).filter(d -> !NSE.isTradingDay(d)).count()).isEqualTo(16);
        assertThat(NSE.hasHolidayData(2025)).isTrue();
        assertThat(NSE.hasHolidayData(2026)).isTrue();
    }

    private static Stream<LocalDate> weekdays(int year) {
        return LocalDate.of(year, 1, 1).datesUntil(LocalDate.of(year + 1, 1, 1))
                .filter(d -> d.getDayOfWeek().getValue() <= 5);
    }

    @Test
    @DisplayName("is closed on a normal weekend, every minute of it")
    void weekendsAreClosed() {
        LocalDate saturday = LocalDate.of(2026, 3, 7);
        assertThat(NSE.isTradingDay(saturday)).isFalse();
        assertThat(NSE.isTradingDay(saturday.plusDays(1))).isFalse();
        assertThat(NSE.sessions(saturday)).isEmpty();
        assertThat(NSE.holidayName(saturday)).isEmpty();

        Instant from = saturday.atStartOfDay(IST).toInstant();
        long openMinutes = 0;
        for (int minute = 0; minute < 2 * 24 * 60; minute++) {
            if (NSE.isOpen(from.plus(minute, ChronoUnit.MINUTES))) {
                openMinutes++;
            }
        }
        assertThat(openMinutes).isZero();
    }

    @Test
    @DisplayName("opens on Saturday 1 Feb 2025 for the Union Budget at standard timings")
    void budgetSaturdayOpensAClosedDay() {
        LocalDate budget = LocalDate.of(2025, 2, 1);
        assertThat(budget.getDayOfWeek().getValue()).isEqualTo(6);
        assertThat(NSE.isTradingDay(budget)).isTrue();
        assertThat(NSE.sessions(budget)).extracting(Session::kind)
                .containsExactly(SessionKind.PRE_OPEN, SessionKind.CONTINUOUS, SessionKind.CLOSING);
        assertThat(NSE.open(budget)).contains(istTime("2025-02-01T09:15"));
        assertThat(NSE.close(budget)).contains(istTime("2025-02-01T15:30"));
        assertThat(NSE.isOpen(ist("2025-02-01T11:00"))).isTrue();
        assertThat(NSE.nextTradingDay(LocalDate.of(2025, 1, 31))).isEqualTo(budget);
        assertThat(NSE.nextOpen(ist("2025-01-31T15:30"))).isEqualTo(istTime("2025-02-01T09:15"));
    }

    @Test
    @DisplayName("opens on Sunday 1 Feb 2026 for the Union Budget")
    void budgetSundayOpensAClosedDay() {
        LocalDate budget = LocalDate.of(2026, 2, 1);
        assertThat(NSE.isTradingDay(budget)).isTrue();
        assertThat(NSE.isOpen(ist("2026-02-01T09:15"))).isTrue();
        assertThat(NSE.previousTradingDay(LocalDate.of(2026, 2, 2))).isEqualTo(budget);
    }

    @Test
    @DisplayName("holds the Muhurat session on Diwali 2025, a holiday otherwise")
    void muhuratSessionOnDiwali() {
        LocalDate diwali = LocalDate.of(2025, 10, 21);
        assertThat(NSE.holidayName(diwali)).contains("Diwali Laxmi Pujan");
        assertThat(NSE.isTradingDay(diwali)).isTrue();
        assertThat(NSE.sessions(diwali)).containsExactly(
                new Session(SessionKind.PRE_OPEN, LocalTime.of(13, 30), LocalTime.of(13, 45)),
                new Session(SessionKind.SPECIAL, LocalTime.of(13, 45), LocalTime.of(14, 45)),
                new Session(SessionKind.CLOSING, LocalTime.of(14, 55), LocalTime.of(15, 5)));
        assertThat(NSE.open(diwali)).contains(istTime("2025-10-21T13:45"));
        assertThat(NSE.close(diwali)).contains(istTime("2025-10-21T14:45"));
        assertThat(NSE.isOpen(ist("2025-10-21T10:00"))).isFalse();
        assertThat(NSE.isOpen(ist("2025-10-21T13:44:59"))).isFalse();
        assertThat(NSE.isOpen(ist("2025-10-21T13:45"))).isTrue();
        assertThat(NSE.isOpen(ist("2025-10-21T14:45"))).isFalse();
        assertThat(NSE.nextOpen(ist("2025-10-20T15:30"))).isEqualTo(istTime("2025-10-21T13:45"));
        assertThat(NSE.nextOpen(ist("2025-10-21T14:00"))).isEqualTo(istTime("2025-10-23T09:15"));
    }

    @Test
    @DisplayName("holds the 2026 Muhurat session on Sunday 8 Nov (assumed timings)")
    void muhuratSession2026() {
        LocalDate diwali = LocalDate.of(2026, 11, 8);
        assertThat(NSE.isTradingDay(diwali)).isTrue();
        assertThat(NSE.holidayName(diwali)).contains("Diwali Laxmi Pujan");
        assertThat(NSE.sessions(diwali)).extracting(Session::kind).contains(SessionKind.SPECIAL);
    }

    @ParameterizedTest(name = "at {0} IST the market is open: {1}")
    @CsvSource({
        "08:59:59, false",
        "09:05,    false",
        "09:14:59, false",
        "09:15,    true",
        "12:00,    true",
        "15:29:59, true",
        "15:30,    false",
        "15:45,    false",
        "23:59:59, false"})
    @DisplayName("is open from 09:15 inclusive to 15:30 exclusive")
    void isOpenBoundaries(LocalTime time, boolean open) {
        assertThat(NSE.isOpen(MONDAY.atTime(time).atZone(IST).toInstant())).isEqualTo(open);
    }

    @Test
    @DisplayName("converts UTC instants to IST (+05:30)")
    void convertsUtcInstants() {
        assertThat(NSE.isOpen(Instant.parse("2026-03-02T03:44:59Z"))).isFalse();
        assertThat(NSE.isOpen(Instant.parse("2026-03-02T03:45:00Z"))).isTrue();
        assertThat(NSE.isOpen(Instant.parse("2026-03-02T09:59:59Z"))).isTrue();
        assertThat(NSE.isOpen(Instant.parse("2026-03-02T10:00:00Z"))).isFalse();
        assertThat(NSE.open(MONDAY).orElseThrow().toInstant()).isEqualTo(Instant.parse("2026-03-02T03:45:00Z"));
        assertThat(NSE.close(MONDAY).orElseThrow().toInstant()).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
        // 20:00 UTC on Sunday is already 01:30 on Monday in India, before the open.
        assertThat(NSE.nextOpen(Instant.parse("2026-03-01T20:00:00Z")).toInstant())
                .isEqualTo(Instant.parse("2026-03-02T03:45:00Z"));
    }

    @Test
    @DisplayName("finds the next open across a weekend")
    void nextOpenOverWeekend() {
        assertThat(NSE.nextOpen(ist("2026-03-06T16:00"))).isEqualTo(istTime("2026-03-09T09:15"));
        assertThat(NSE.nextOpen(ist("2026-03-07T12:00"))).isEqualTo(istTime("2026-03-09T09:15"));
    }

    @Test
    @DisplayName("finds the next open across a holiday, and across a holiday plus a weekend")
    void nextOpenOverHoliday() {
        assertThat(NSE.nextOpen(ist("2026-03-02T15:30"))).isEqualTo(istTime("2026-03-04T09:15"));
        assertThat(NSE.nextOpen(ist("2026-04-02T15:30"))).isEqualTo(istTime("2026-04-06T09:15"));
    }

    @Test
    @DisplayName("returns an open strictly after the given instant")
    void nextOpenIsStrictlyAfter() {
        assertThat(NSE.nextOpen(ist("2026-03-02T09:14:59"))).isEqualTo(istTime("2026-03-02T09:15"));
        assertThat(NSE.nextOpen(ist("2026-03-02T09:15"))).isEqualTo(istTime("2026-03-04T09:15"));
        assertThat(NSE.nextOpen(ist("2026-03-02T09:15")).getZone()).isEqualTo(IST);
    }

    @Test
    @DisplayName("finds the next close, strictly after the given instant")
    void nextClose() {
        assertThat(NSE.nextClose(ist("2026-03-02T10:00"))).isEqualTo(istTime("2026-03-02T15:30"));
        assertThat(NSE.nextClose(ist("2026-03-02T08:00"))).isEqualTo(istTime("2026-03-02T15:30"));
        assertThat(NSE.nextClose(ist("2026-03-02T15:30"))).isEqualTo(istTime("2026-03-04T15:30"));
        assertThat(NSE.nextClose(ist("2026-03-06T15:31"))).isEqualTo(istTime("2026-03-09T15:30"));
    }

    @Test
    @DisplayName("steps to the next and previous trading days over holidays and weekends")
    void nextAndPreviousTradingDay() {
        assertThat(NSE.nextTradingDay(MONDAY)).isEqualTo(LocalDate.of(2026, 3, 4));
        assertThat(NSE.previousTradingDay(LocalDate.of(2026, 3, 4))).isEqualTo(MONDAY);
        assertThat(NSE.previousTradingDay(LocalDate.of(2026, 3, 9))).isEqualTo(LocalDate.of(2026, 3, 6));
        assertThat(NSE.nextTradingDay(LocalDate.of(2026, 4, 2))).isEqualTo(LocalDate.of(2026, 4, 6));
        assertThat(NSE.nextTradingDay(LocalDate.of(2025, 10, 20))).isEqualTo(LocalDate.of(2025, 10, 21));
    }

    @Test
    @DisplayName("falls back to weekdays with regular hours for a year without data")
    void yearWithoutData() {
        assertThat(NSE.hasHolidayData(2030)).isFalse();
        LocalDate christmas2030 = LocalDate.of(2030, 12, 25);
        assertThat(christmas2030.getDayOfWeek().getValue()).isEqualTo(3);
        assertThat(NSE.isTradingDay(christmas2030)).isTrue();
        assertThat(NSE.holidayName(christmas2030)).isEmpty();
        assertThat(NSE.close(christmas2030)).contains(ZonedDateTime.of(christmas2030, LocalTime.of(15, 30), IST));
        assertThat(NSE.isTradingDay(LocalDate.of(2030, 12, 28))).isFalse();
    }

    @Test
    @DisplayName("answers for dates far away without running away")
    void farAwayDatesTerminate() {
        ZonedDateTime next = NSE.nextOpen(Instant.parse("2199-12-31T12:00:00Z"));
        assertThat(next.toLocalTime()).isEqualTo(LocalTime.of(9, 15));
        assertThat(NSE.previousTradingDay(LocalDate.of(1990, 1, 1))).isEqualTo(LocalDate.of(1989, 12, 29));
        assertThat(NSE.nextClose(Instant.EPOCH)).isEqualTo(ZonedDateTime.of(1970, 1, 1, 15, 30, 0, 0, IST));
    }
}
