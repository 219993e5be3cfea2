package io.tradingjobs.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingjobs.core.calendar.TradingCalendar;
import io.tradingjobs.core.calendar.TradingCalendars;
import io.tradingjobs.core.internal.schedule.ActiveCalendars;
import io.tradingjobs.core.spi.Schedule;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Fire times of the trading forms, computed by {@link Schedule#nextFireTimes} with the same Quartz
 * trigger and trading calendar the scheduler stores. The scheduler's default zone is UTC in every
 * case, to show that the exchange's zone wins.
 */
class TradingFireTimesTest {
    private static final ZoneId IST = ZoneId.of("Asia/Kolkata");
    private static final ZoneId TUNIS = ZoneId.of("Africa/Tunis");
    private static final ZoneId DEFAULT_ZONE = ZoneOffset.UTC;

    @BeforeEach
    void useTheShippedCalendars() {
        // A scheduler started elsewhere in this JVM may have put stored overrides in force; these tests read the shipped data.
        TradingCalendars.codes().forEach(code -> ActiveCalendars.install(TradingCalendars.byCode(code).orElseThrow()));
    }

    @Test
    void everyFifteenMinutesDuringNseHoursStopsAtTheCloseAndResumesAtTheNextOpen() {
        Schedule s = Schedule.parse("every 15 minutes during NSE market hours");

        List<LocalDateTime> times = local(s.nextFireTimes(at("2026-03-06T15:20", IST), 3, DEFAULT_ZONE), IST);

        // Friday 15:30 is the closing minute (included); Saturday and Sunday are skipped.
        assertThat(times).containsExactly(LocalDateTime.parse("2026-03-06T15:30"), LocalDateTime.parse("2026-03-09T09:15"),
                LocalDateTime.parse("2026-03-09T09:30"));
    }

    @Test
    void everyFifteenMinutesDuringNseHoursSkipsHoli() {
        LocalDate holi = LocalDate.of(2026, 3, 3);
        assertThat(TradingCalendars.nse().holidayName(holi)).contains("Holi");
        assertThat(holi.getDayOfWeek()).isEqualTo(java.time.DayOfWeek.TUESDAY);

        List<LocalDateTime> times = local(Schedule.parse("every 15 minutes during NSE market hours")
                .nextFireTimes(at("2026-03-02T15:20", IST), 3, DEFAULT_ZONE), IST);

        assertThat(times).containsExactly(LocalDateTime.parse("2026-03-02T15:30"), LocalDateTime.parse("2026-03-04T09:15"),
                LocalDateTime.parse("2026-03-04T09:30"));
    }

    @Test
    void everyFifteenMinutesDuringNseHoursCoversAWholeDayFromOpenToClose() {
        List<LocalDateTime> times = local(Schedule.parse("every 15 minutes during NSE market hours")
                .nextFireTimes(at("2026-03-09T00:00", IST), 26, DEFAULT_ZONE), IST);

        // 09:15, 09:30, ..., 15:30: 26 fires on a regular day, then the next day's open.
        assertThat(times).first().isEqualTo(LocalDateTime.parse("2026-03-09T09:15"));
        assertThat(times).last().isEqualTo(LocalDateTime.parse("2026-03-09T15:30"));
        assertThat(local(Schedule.parse("every 15 minutes during NSE market hours")
                .nextFireTimes(at("2026-03-09T15:30", IST), 1, DEFAULT_ZONE), IST))
                .containsExactly(LocalDateTime.parse("2026-03-10T09:15"));
    }

    @Test
    void aSaturdaySpecialSessionAdmitsMarketHoursFires() {
        LocalDate budgetDay = LocalDate.of(2025, 2, 1);
        assertThat(budgetDay.getDayOfWeek()).isEqualTo(java.time.DayOfWeek.SATURDAY);
        assertThat(TradingCalendars.nse().isTradingDay(budgetDay)).isTrue();

        List<LocalDateTime> times = local(Schedule.parse("every 15 minutes during NSE market hours")
                .nextFireTimes(at("2025-01-31T15:20", IST), 3, DEFAULT_ZONE), IST);

        assertThat(times).containsExactly(LocalDateTime.parse("2025-01-31T15:30"), LocalDateTime.parse("2025-02-01T09:15"),
                LocalDateTime.parse("2025-02-01T09:30"));
    }

    @Test
    void aFiveFieldCronInKolkataFiresAtKolkataTime() {
        Schedule s = Schedule.parse("0 9 * * 1-5 in Asia/Kolkata");

        List<Instant> times = s.nextFireTimes(Instant.parse("2026-03-06T00:00:00Z"), 2, DEFAULT_ZONE);

        // 09:00 IST is 03:30 UTC; the weekend is skipped.
        assertThat(times).containsExactly(Instant.parse("2026-03-06T03:30:00Z"), Instant.parse("2026-03-09T03:30:00Z"));
    }

    @Test
    void aFiveFieldCronUsesTheSchedulersZoneWhenItHasNone() {
        List<Instant> times = Schedule.parse("*/15 * * * *").nextFireTimes(Instant.parse("2026-03-06T10:00:00Z"), 1, IST);
        List<Instant> daily = Schedule.parse("30 23 * * *").nextFireTimes(Instant.parse("2026-03-06T00:00:00Z"), 1, IST);

        assertThat(times).containsExactly(Instant.parse("2026-03-06T10:15:00Z"));
        assertThat(daily).containsExactly(Instant.parse("2026-03-06T18:00:00Z"));
    }

    @Test
    void dailyOnNseTradingDaysSkipsWeekendsAndHolidays() {
        Schedule s = Schedule.parse("daily at 16:00 on NSE trading days");

        List<LocalDateTime> times = local(s.nextFireTimes(at("2026-02-27T12:00", IST), 3, DEFAULT_ZONE), IST);

        // Friday, then Monday 2 March; Tuesday 3 March is Holi.
        assertThat(times).containsExactly(LocalDateTime.parse("2026-02-27T16:00"), LocalDateTime.parse("2026-03-02T16:00"),
                LocalDateTime.parse("2026-03-04T16:00"));
    }

    @Test
    void dailyOnNseTradingDaysIncludesTheBudgetDaySessions() {
        List<LocalDateTime> times = local(Schedule.parse("daily at 16:00 on NSE trading days")
                .nextFireTimes(at("2025-01-31T17:00", IST), 2, DEFAULT_ZONE), IST);

        assertThat(times).containsExactly(LocalDateTime.parse("2025-02-01T16:00"), LocalDateTime.parse("2025-02-03T16:00"));
    }

    @Test
    void thirtyMinutesAfterTheBvmtCloseFollowsTheRegularAndTheRamadanClose() {
        TradingCalendar bvmt = TradingCalendars.bvmt();
        LocalDate regular = LocalDate.of(2026, 2, 18);
        LocalDate ramadan = LocalDate.of(2026, 2, 19);
        assertThat(bvmt.close(regular)).map(ZonedDateTime::toLocalTime).contains(LocalTime.of(14, 0));
        assertThat(bvmt.close(ramadan)).map(ZonedDateTime::toLocalTime).contains(LocalTime.of(12, 0));

        List<LocalDateTime> times = local(Schedule.parse("30 minutes after BVMT close")
                .nextFireTimes(at("2026-02-17T15:00", TUNIS), 4, DEFAULT_ZONE), TUNIS);

        // Wednesday 18 Feb regular (close 14:00); from Thursday 19 Feb Ramadan hours (close 12:00); weekend skipped.
        assertThat(times).containsExactly(LocalDateTime.parse("2026-02-18T14:30"), LocalDateTime.parse("2026-02-19T12:30"),
                LocalDateTime.parse("2026-02-20T12:30"), LocalDateTime.parse("2026-02-23T12:30"));
    }

    @Test
    void thirtyMinutesAfterTheBvmtCloseSkipsEidAndReturnsToRegularHours() {
        List<LocalDateTime> times = local(Schedule.parse("30 minutes after BVMT close")
                .nextFireTimes(at("2026-03-19T00:00", TUNIS), 2, DEFAULT_ZONE), TUNIS);

        // Thursday 19 March is the last Ramadan day; Friday 20 March is Independence Day and Eid al-Fitr.
        assertThat(times).containsExactly(LocalDateTime.parse("2026-03-19T12:30"), LocalDateTime.parse("2026-03-23T14:30"));
    }

    @Test
    void fifteenMinutesBeforeTheNseOpenIsNineOnTradingDays() {
        List<LocalDateTime> times = local(Schedule.parse("15 minutes before NSE open")
                .nextFireTimes(at("2026-03-02T10:00", IST), 2, DEFAULT_ZONE), IST);

        assertThat(times).containsExactly(LocalDateTime.parse("2026-03-04T09:00"), LocalDateTime.parse("2026-03-05T09:00"));
    }

    @Test
    void atTheOpenFollowsTheMuhuratSession() {
        List<LocalDateTime> times = local(Schedule.parse("at NSE open")
                .nextFireTimes(at("2025-10-20T12:00", IST), 2, DEFAULT_ZONE), IST);

        // 21 Oct 2025 is a holiday with a Muhurat session from 13:45; 22 Oct is a holiday too.
        assertThat(times).containsExactly(LocalDateTime.parse("2025-10-21T13:45"), LocalDateTime.parse("2025-10-23T09:15"));
    }

    @Test
    void aTradingScheduleWithAnExplicitZoneStillFollowsTheExchangeCalendar() {
        List<Instant> times = Schedule.parse("daily at 16:00 on NSE trading days in Africa/Tunis")
                .nextFireTimes(at("2026-03-02T17:00", TUNIS), 2, DEFAULT_ZONE);

        // 16:00 in Tunis is 20:30 in Kolkata; Tuesday 3 March (Holi) is still skipped.
        assertThat(local(times, TUNIS)).containsExactly(LocalDateTime.parse("2026-03-04T16:00"), LocalDateTime.parse("2026-03-05T16:00"));
    }

    private static Instant at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    private static List<LocalDateTime> local(List<Instant> instants, ZoneId zone) {
        return instants.stream().map(i -> i.atZone(zone).toLocalDateTime()).toList();
    }
}
