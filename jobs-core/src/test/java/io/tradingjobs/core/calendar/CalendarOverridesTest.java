package io.tradingjobs.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A calendar with overrides")
class CalendarOverridesTest {

    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    private static final TradingCalendar NSE = TradingCalendars.nse();
    private static final LocalDate MONDAY = LocalDate.of(2026, 3, 2);
    private static final LocalDate SATURDAY = LocalDate.of(2026, 3, 7);

    private static Instant ist(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(IST).toInstant();
    }

    @Test
    @DisplayName("closes a day given as a holiday and leaves the original calendar unchanged")
    void addsAHoliday() {
        TradingCalendar withHoliday = NSE.withOverrides(List.of(CalendarDay.holiday(MONDAY, "Exchange outage")));

        assertThat(withHoliday.isTradingDay(MONDAY)).isFalse();
        assertThat(withHoliday.sessions(MONDAY)).isEmpty();
        assertThat(withHoliday.holidayName(MONDAY)).contains("Exchange outage");
        assertThat(withHoliday.isOpen(ist("2026-03-02T10:00"))).isFalse();
        assertThat(withHoliday.previousTradingDay(LocalDate.of(2026, 3, 4))).isEqualTo(LocalDate.of(2026, 2, 27));
        assertThat(withHoliday.code()).isEqualTo("NSE");

        assertThat(NSE.isTradingDay(MONDAY)).isTrue();
        assertThat(NSE.holidayName(MONDAY)).isEmpty();
    }

    @Test
    @DisplayName("opens a Saturday given a special session")
    void addsASpecialSession() {
        TradingCalendar withSession = NSE.withOverrides(List.of(CalendarDay.specialSession(
                SATURDAY, LocalTime.of(10, 0), LocalTime.of(12, 0), "Disaster-recovery drill")));

        assertThat(withSession.isTradingDay(SATURDAY)).isTrue();
        assertThat(withSession.sessions(SATURDAY)).containsExactly(
                new Session(SessionKind.SPECIAL, LocalTime.of(10, 0), LocalTime.of(12, 0)));
        assertThat(withSession.isOpen(ist("2026-03-07T11:00"))).isTrue();
        assertThat(withSession.isOpen(ist("2026-03-07T12:00"))).isFalse();
        assertThat(withSession.nextOpen(ist("2026-03-06T15:30")))
                .isEqualTo(ZonedDateTime.of(SATURDAY, LocalTime.of(10, 0), IST));
        assertThat(withSession.nextClose(ist("2026-03-06T15:30")))
                .isEqualTo(ZonedDateTime.of(SATURDAY, LocalTime.of(12, 0), IST));
        assertThat(withSession.nextTradingDay(LocalDate.of(2026, 3, 6))).isEqualTo(SATURDAY);

        assertThat(NSE.isTradingDay(SATURDAY)).isFalse();
    }

    @Test
    @DisplayName("trades the given hours on a shortened day")
    void addsAShortenedDay() {
        TradingCalendar shortened = NSE.withOverrides(List.of(CalendarDay.shortened(
                MONDAY, LocalTime.of(9, 15), LocalTime.of(13, 0), "Early close")));

        assertThat(shortened.sessions(MONDAY)).containsExactly(
                new Session(SessionKind.CONTINUOUS, LocalTime.of(9, 15), LocalTime.of(13, 0)));
        assertThat(shortened.close(MONDAY)).contains(ZonedDateTime.of(MONDAY, LocalTime.of(13, 0), IST));
        assertThat(shortened.isOpen(ist("2026-03-02T13:30"))).isFalse();
    }

    @Test
    @DisplayName("keeps the Muhurat session when the same holiday is supplied again")
    void holidayKeepsSpecialSession() {
        LocalDate diwali = LocalDate.of(2025, 10, 21);
        TradingCalendar refreshed = NSE.withOverrides(List.of(CalendarDay.holiday(diwali, "Diwali")));

        assertThat(refreshed.holidayName(diwali)).contains("Diwali");
        assertThat(refreshed.isTradingDay(diwali)).isTrue();
        assertThat(refreshed.isOpen(ist("2025-10-21T14:00"))).isTrue();
    }

    @Test
    @DisplayName("replaces a special session's timings with a later one for the same date")
    void specialSessionReplacesSpecialSession() {
        LocalDate diwali = LocalDate.of(2026, 11, 8);
        TradingCalendar corrected = NSE.withOverrides(List.of(CalendarDay.specialSession(
                diwali, LocalTime.of(13, 45), LocalTime.of(14, 45), "Muhurat trading as notified")));

        assertThat(corrected.open(diwali)).contains(ZonedDateTime.of(diwali, LocalTime.of(13, 45), IST));
        assertThat(corrected.close(diwali)).contains(ZonedDateTime.of(diwali, LocalTime.of(14, 45), IST));
        assertThat(corrected.holidayName(diwali)).contains("Diwali Laxmi Pujan");
    }

    @Test
    @DisplayName("counts a year as covered once a holiday is supplied for it")
    void suppliedHolidaysCoverTheYear() {
        LocalDate republicDay = LocalDate.of(2027, 1, 26);
        TradingCalendar with2027 = NSE.withOverrides(List.of(CalendarDay.holiday(republicDay, "Republic Day")));

        assertThat(NSE.hasHolidayData(2027)).isFalse();
        assertThat(with2027.hasHolidayData(2027)).isTrue();
        assertThat(with2027.isTradingDay(republicDay)).isFalse();
    }

    @Test
    @DisplayName("applies overrides on top of overrides")
    void overridesStack() {
        TradingCalendar twice = NSE
                .withOverrides(List.of(CalendarDay.holiday(MONDAY, "First")))
                .withOverrides(List.of(CalendarDay.specialSession(SATURDAY, LocalTime.of(9, 15), LocalTime.of(10, 0), "Drill")));

        assertThat(twice.isTradingDay(MONDAY)).isFalse();
        assertThat(twice.isTradingDay(SATURDAY)).isTrue();
    }

    @Test
    @DisplayName("gives up with the calendar and the date after more than 30 closed days")
    void boundedSearch() {
        List<CalendarDay> closedMonths = new ArrayList<>();
        for (LocalDate day = LocalDate.of(2026, 6, 1); day.isBefore(LocalDate.of(2026, 8, 1)); day = day.plusDays(1)) {
            closedMonths.add(CalendarDay.holiday(day, "Closed"));
        }
        TradingCalendar closed = NSE.withOverrides(closedMonths);

        assertThatThrownBy(() -> closed.nextOpen(ist("2026-05-29T16:00")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NSE")
                .hasMessageContaining("2026-05-29");
        assertThatThrownBy(() -> closed.nextClose(ist("2026-05-29T16:00")))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> closed.nextTradingDay(LocalDate.of(2026, 5, 29)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("NSE")
                .hasMessageContaining("after 2026-05-29");
        assertThatThrownBy(() -> closed.previousTradingDay(LocalDate.of(2026, 8, 1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before 2026-08-01");
    }

    @Test
    @DisplayName("rejects a null entry, naming its index")
    void rejectsNullEntries() {
        assertThatThrownBy(() -> NSE.withOverrides(Arrays.asList(CalendarDay.holiday(MONDAY, "x"), null)))
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("index 1");
    }

    @Test
    @DisplayName("refuses calendar days that contradict their kind, showing the bad times")
    void validatesCalendarDays() {
        assertThatThrownBy(() -> new CalendarDay(MONDAY, CalendarDay.Kind.HOLIDAY, LocalTime.of(9, 15), LocalTime.of(15, 30), "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HOLIDAY 2026-03-02")
                .hasMessageContaining("09:15-15:30");
        assertThatThrownBy(() -> new CalendarDay(MONDAY, CalendarDay.Kind.SPECIAL_SESSION, null, LocalTime.of(15, 30), "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs both open and close");
        assertThatThrownBy(() -> CalendarDay.shortened(MONDAY, LocalTime.of(12, 0), LocalTime.of(12, 0), "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("12:00-12:00");
        assertThatThrownBy(() -> CalendarDay.holiday(MONDAY, null))
                .isInstanceOf(NullPointerException.class);
    }

    @Test
    @DisplayName("refuses a session that ends before it starts")
    void validatesSessions() {
        assertThatThrownBy(() -> new Session(SessionKind.CONTINUOUS, LocalTime.of(15, 30), LocalTime.of(9, 15)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("15:30-09:15");
        assertThat(new Session(SessionKind.CONTINUOUS, LocalTime.of(9, 15), LocalTime.of(15, 30)).contains(LocalTime.of(15, 30)))
                .isFalse();
        assertThat(SessionKind.PRE_OPEN.isTrading()).isFalse();
        assertThat(SessionKind.SPECIAL.isTrading()).isTrue();
    }
}
