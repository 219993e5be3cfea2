package io.tradingjobs.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.tradingjobs.core.spi.Schedule;
import io.tradingjobs.core.spi.Schedule.Kind;
import io.tradingjobs.core.spi.Schedule.TradingWindow;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every text form the {@link Schedule} Javadoc lists, as operators write it in {@code jobs.<id>.schedule}. */
class ScheduleParseTest {

    @Test
    void aStandardCronIsReadAsCron() {
        Schedule s = Schedule.parse("*/15 * * * *");

        assertThat(s).isEqualTo(Schedule.cron("*/15 * * * *"));
        assertThat(s.kind()).isEqualTo(Kind.CRON);
        assertThat(s.text()).isEqualTo("*/15 * * * *");
        assertThat(s.zone()).isEmpty();
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"0 2 * * 0", "@daily", "@hourly", "0 9-15 * * 1-5"})
    void theOtherStandardCronFormsAreReadAsCron(String text) {
        assertThat(Schedule.parse(text)).isEqualTo(Schedule.cron(text));
    }

    @Test
    void aQuartzCronIsReadAsQuartz() {
        assertThat(Schedule.parse("0 0/15 9-15 ? * MON-FRI")).isEqualTo(Schedule.quartzCron("0 0/15 9-15 ? * MON-FRI"));
    }

    @ParameterizedTest(name = "''{0}'' is every {1} seconds")
    @CsvSource({"every 15 minutes, 900", "every 30s, 30", "every 1 hour, 3600", "every minute, 60", "every 90 seconds, 90",
        "hourly, 3600", "every 2 hrs, 7200"})
    void anIntervalIsReadWithItsUnit(String text, long seconds) {
        Schedule s = Schedule.parse(text);

        assertThat(s.kind()).isEqualTo(Kind.INTERVAL);
        assertThat(s.interval()).contains(Duration.ofSeconds(seconds));
        assertThat(s.text()).isEqualTo(text);
    }

    @Test
    void aDailyTimeIsReadAsEveryDayAtThatTime() {
        assertThat(Schedule.parse("daily at 23:30")).isEqualTo(Schedule.daily(LocalTime.of(23, 30)));
        assertThat(Schedule.parse("at 9:05")).isEqualTo(Schedule.daily(LocalTime.of(9, 5)));
    }

    @Test
    void aWeeklyTimeIsReadWithItsDay() {
        assertThat(Schedule.parse("weekly on sunday at 02:00")).isEqualTo(Schedule.weekly(DayOfWeek.SUNDAY, LocalTime.of(2, 0)));
        assertThat(Schedule.parse("every friday at 17:00")).isEqualTo(Schedule.weekly(DayOfWeek.FRIDAY, LocalTime.of(17, 0)));
        assertThat(Schedule.parse("weekly on sunday at 02:00").quartzCronExpression()).contains("0 0 2 ? * SUN");
    }

    @Test
    void aZoneAtTheEndAppliesToTheWholeSchedule() {
        Schedule s = Schedule.parse("daily at 18:00 in Africa/Tunis");

        assertThat(s.zone()).contains(ZoneId.of("Africa/Tunis"));
        assertThat(s.quartzCronExpression()).contains("0 0 18 * * ?");
        assertThat(s.text()).isEqualTo("daily at 18:00 in Africa/Tunis");
        assertThat(Schedule.parse("*/15 * * * * in Asia/Kolkata"))
                .isEqualTo(Schedule.cron("*/15 * * * *").in(ZoneId.of("Asia/Kolkata")));
        assertThat(Schedule.parse("every 1 hour in UTC").zone()).contains(ZoneId.of("UTC"));
    }

    @Test
    void duringMarketHoursRestrictsAnIntervalToTheSessions() {
        Schedule s = Schedule.parse("every 15 minutes during NSE market hours");

        assertThat(s).isEqualTo(Schedule.every(Duration.ofMinutes(15)).duringMarketHours("NSE"));
        assertThat(s.tradingWindow()).isEqualTo(TradingWindow.MARKET_HOURS);
        assertThat(s.calendar()).contains("NSE");
        assertThat(Schedule.parse("every 5 minutes during bvmt trading hours").calendar()).contains("BVMT");
    }

    @Test
    void onTradingDaysRestrictsADailyTimeToTheCalendar() {
        Schedule s = Schedule.parse("daily at 16:00 on NSE trading days");

        assertThat(s).isEqualTo(Schedule.daily(LocalTime.of(16, 0)).onTradingDays("NSE"));
        assertThat(s.tradingWindow()).isEqualTo(TradingWindow.TRADING_DAYS);
        assertThat(s.text()).isEqualTo("daily at 16:00 on NSE trading days");
    }

    @Test
    void anOffsetFromTheCloseOrOpenIsReadWithItsDirection() {
        assertThat(Schedule.parse("30 minutes after BVMT close")).isEqualTo(Schedule.atClose("BVMT", Duration.ofMinutes(30)));
        assertThat(Schedule.parse("15 minutes before NSE open")).isEqualTo(Schedule.atOpen("NSE", Duration.ofMinutes(-15)));
        assertThat(Schedule.parse("at NSE open")).isEqualTo(Schedule.atOpen("NSE", Duration.ZERO));
        assertThat(Schedule.parse("1 hour after nse close").tradingWindow()).isEqualTo(TradingWindow.CLOSE);
        assertThat(Schedule.parse("1 hour after nse close").offset()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void manualNeverFiresByItself() {
        Schedule s = Schedule.parse("manual");

        assertThat(s.kind()).isEqualTo(Kind.MANUAL);
        assertThat(s.nextFireTimes(java.time.Instant.parse("2026-03-06T00:00:00Z"), 3, ZoneId.of("UTC"))).isEmpty();
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(delimiter = '|', value = {
        "every fortnight                              | is not understood",
        "daily at 25:00                               | '25:00' is not a time of day",
        "weekly on funday at 02:00                    | is not understood",
        "every 0 minutes                              | at least 1",
        "every 15 minutes in Mars/Olympus             | unknown time zone 'Mars/Olympus'",
        "* * * *                                      | has 4 fields",
        "0 0 0 * * ? 2026 1                           | has 8 fields",
        "*/61 * * * *                                 | 61",
        "30 seconds after NSE close                   | whole minutes",
        "manual during NSE market hours               | is not understood",
        "every 15 minutes during NSE market hours on NSE trading days | is not understood",
        "5 10                                         | has 2 fields",
    })
    void aBadScheduleIsRefusedWithTheTextTheFaultAndValidExamples(String text, String fault) {
        assertThatIllegalArgumentException().isThrownBy(() -> Schedule.parse(text))
                .withMessageContaining("'" + text.trim() + "'")
                .withMessageContaining(fault)
                .withMessageContaining("valid examples");
    }

    @Test
    void anEmptyScheduleIsRefusedWithExamples() {
        assertThatIllegalArgumentException().isThrownBy(() -> Schedule.parse("  "))
                .withMessageContaining("empty schedule")
                .withMessageContaining("valid examples");
    }
}
