package io.tradingjobs.core.calendar;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("The BVMT (Bourse de Tunis) calendar")
class BvmtCalendarTest {

    private static final ZoneId TUNIS = ZoneId.of("Africa/Tunis");
    private static final TradingCalendar BVMT = TradingCalendars.bvmt();
    private static final LocalDate REGULAR_DAY = LocalDate.of(2026, 1, 5);

    private static Instant tunis(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(TUNIS).toInstant();
    }

    private static ZonedDateTime tunisTime(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(TUNIS);
    }

    @Test
    @DisplayName("is the BVMT in Africa/Tunis")
    void codeAndZone() {
        assertThat(BVMT.code()).isEqualTo("BVMT");
        assertThat(BVMT.zone()).isEqualTo(TUNIS);
    }

    @Test
    @DisplayName("pre-opens at 08:30, trades 09:00-14:00 and at the last price 14:05-14:10 on a regular day")
    void regularSessions() {
        assertThat(BVMT.sessions(REGULAR_DAY)).containsExactly(
                new Session(SessionKind.PRE_OPEN, LocalTime.of(8, 30), LocalTime.of(9, 0)),
                new Session(SessionKind.CONTINUOUS, LocalTime.of(9, 0), LocalTime.of(14, 0)),
                new Session(SessionKind.CLOSING, LocalTime.of(14, 5), LocalTime.of(14, 10)));
        assertThat(BVMT.open(REGULAR_DAY)).contains(tunisTime("2026-01-05T09:00"));
        assertThat(BVMT.close(REGULAR_DAY)).contains(tunisTime("2026-01-05T14:00"));
        assertThat(BVMT.isOpen(tunis("2026-01-05T12:30"))).isTrue();
    }

    @Test
    @DisplayName("converts UTC instants to Tunis time (+01:00, no daylight saving)")
    void convertsUtcInstants() {
        assertThat(BVMT.isOpen(Instant.parse("2026-01-05T07:59:59Z"))).isFalse();
        assertThat(BVMT.isOpen(Instant.parse("2026-01-05T08:00:00Z"))).isTrue();
        assertThat(BVMT.isOpen(Instant.parse("2026-01-05T12:59:59Z"))).isTrue();
        assertThat(BVMT.isOpen(Instant.parse("2026-01-05T13:00:00Z"))).isFalse();
        // Same offset in July: Tunisia has no summer time.
        assertThat(BVMT.open(LocalDate.of(2026, 7, 6)).orElseThrow().toInstant())
                .isEqualTo(Instant.parse("2026-07-06T08:00:00Z"));
    }

    @Test
    @DisplayName("trades shorter hours on a Ramadan day")
    void ramadanDayIsShortened() {
        LocalDate ramadan2026 = LocalDate.of(2026, 3, 2);
        assertThat(BVMT.isTradingDay(ramadan2026)).isTrue();
        assertThat(BVMT.close(ramadan2026)).contains(tunisTime("2026-03-02T12:00"));
        assertThat(BVMT.sessions(ramadan2026)).contains(
                new Session(SessionKind.CONTINUOUS, LocalTime.of(9, 0), LocalTime.of(12, 0)));
        assertThat(BVMT.isOpen(tunis("2026-03-02T11:59:59"))).isTrue();
        assertThat(BVMT.isOpen(tunis("2026-03-02T12:30"))).isFalse();
        assertThat(BVMT.holidayName(ramadan2026)).isEmpty();

        LocalDate ramadan2025 = LocalDate.of(2025, 3, 10);
        assertThat(BVMT.close(ramadan2025)).contains(tunisTime("2025-03-10T12:00"));
        assertThat(BVMT.nextClose(tunis("2025-03-10T12:00"))).isEqualTo(tunisTime("2025-03-11T12:00"));
    }

    @Test
    @DisplayName("returns to regular hours after Ramadan")
    void regularHoursAfterRamadan() {
        assertThat(BVMT.close(LocalDate.of(2026, 2, 18))).contains(tunisTime("2026-02-18T14:00"));
        assertThat(BVMT.close(LocalDate.of(2026, 2, 19))).contains(tunisTime("2026-02-19T12:00"));
        assertThat(BVMT.close(LocalDate.of(2026, 3, 23))).contains(tunisTime("2026-03-23T14:00"));
        assertThat(BVMT.close(LocalDate.of(2025, 4, 2))).contains(tunisTime("2025-04-02T14:00"));
    }

    @ParameterizedTest(name = "{0} is closed")
    @CsvSource({
        "2025-01-01", "2025-03-20", "2025-03-31", "2025-04-01", "2025-04-09", "2025-05-01", "2025-06-06",
        "2025-07-25", "2025-08-13", "2025-09-04", "2025-10-15", "2025-12-17",
        "2026-01-01", "2026-03-20", "2026-04-09", "2026-05-01", "2026-08-13", "2026-10-15", "2026-12-17"})
    @DisplayName("closes on Tunisian public holidays")
    void holidaysAreClosed(LocalDate day) {
        assertThat(BVMT.isTradingDay(day)).isFalse();
        assertThat(BVMT.sessions(day)).isEmpty();
        assertThat(BVMT.holidayName(day)).isPresent();
    }

    @Test
    @DisplayName("keeps Independence Day closed although it falls in Ramadan")
    void holidayInsideRamadan() {
        assertThat(BVMT.isTradingDay(LocalDate.of(2025, 3, 20))).isFalse();
        assertThat(BVMT.holidayName(LocalDate.of(2025, 3, 20))).hasValueSatisfying(
                name -> assertThat(name).contains("Indépendance"));
    }

    @Test
    @DisplayName("reopens after the Eid al-Fitr holidays")
    void eidHolidays() {
        assertThat(BVMT.nextTradingDay(LocalDate.of(2025, 3, 28))).isEqualTo(LocalDate.of(2025, 4, 2));
        assertThat(BVMT.nextOpen(tunis("2025-03-28T12:00"))).isEqualTo(tunisTime("2025-04-02T09:00"));
        assertThat(BVMT.nextOpen(tunis("2026-03-19T13:00"))).isEqualTo(tunisTime("2026-03-23T09:00"));
    }

    @Test
    @DisplayName("finds the next open across a weekend")
    void nextOpenOverWeekend() {
        assertThat(BVMT.nextOpen(tunis("2026-01-09T15:00"))).isEqualTo(tunisTime("2026-01-12T09:00"));
        assertThat(BVMT.nextOpen(tunis("2026-01-09T15:00")).toInstant())
                .isEqualTo(Instant.parse("2026-01-12T08:00:00Z"));
    }
}
