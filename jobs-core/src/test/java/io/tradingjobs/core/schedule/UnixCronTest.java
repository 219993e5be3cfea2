package io.tradingjobs.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.tradingjobs.core.internal.schedule.UnixCron;
import io.tradingjobs.core.spi.Schedule;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Standard 5-field cron, as the seeds and crontab write it, turned into Quartz's form. */
class UnixCronTest {
    private static final ZoneId UTC = ZoneOffset.UTC;
    /** Friday 2026-03-06 00:00 UTC. */
    private static final Instant FRIDAY = Instant.parse("2026-03-06T00:00:00Z");

    @ParameterizedTest(name = "''{0}'' becomes ''{1}''")
    @CsvSource(delimiter = '|', value = {
        "*/15 * * * *   | 0 */15 * * * ?",
        "0 2 * * 0      | 0 0 2 ? * SUN",
        "0 2 * * 7      | 0 0 2 ? * SUN",
        "0 9-15 * * 1-5 | 0 0 9-15 ? * MON,TUE,WED,THU,FRI",
        "30 23 * * *    | 0 30 23 * * ?",
        "0 17 * * 5     | 0 0 17 ? * FRI",
        "@daily         | 0 0 0 * * ?",
        "0 0 * * FRI-SUN| 0 0 0 ? * SUN,FRI,SAT",
        "0 0 1 * *      | 0 0 0 1 * ?",
    })
    void aStandardCronBecomesTheEquivalentQuartzCron(String cron, String quartz) {
        assertThat(UnixCron.toQuartz(cron)).isEqualTo(quartz);
        assertThat(Schedule.cron(cron).quartzCronExpression()).contains(quartz);
        assertThat(Schedule.cron(cron).text()).isEqualTo(cron.trim());
    }

    @Test
    void everyFifteenMinutesFiresOnTheQuarterHours() {
        assertThat(Schedule.cron("*/15 * * * *").nextFireTimes(Instant.parse("2026-03-06T10:07:00Z"), 3, UTC))
                .containsExactly(Instant.parse("2026-03-06T10:15:00Z"), Instant.parse("2026-03-06T10:30:00Z"),
                        Instant.parse("2026-03-06T10:45:00Z"));
    }

    @ParameterizedTest(name = "''{0}'' fires on Sunday at 02:00")
    @ValueSource(strings = {"0 2 * * 0", "0 2 * * 7", "0 2 * * SUN", "@weekly"})
    void bothZeroAndSevenAreSunday(String cron) {
        List<Instant> times = Schedule.cron(cron).nextFireTimes(FRIDAY, 2, UTC);
        assertThat(times).hasSize(2).allSatisfy(t -> assertThat(t.atZone(UTC).getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY));
        if (!cron.equals("@weekly")) {
            assertThat(times).containsExactly(Instant.parse("2026-03-08T02:00:00Z"), Instant.parse("2026-03-15T02:00:00Z"));
        }
    }

    @Test
    void tradingHoursOnWeekdaysSkipTheWeekend() {
        List<Instant> times = Schedule.cron("0 9-15 * * 1-5").nextFireTimes(Instant.parse("2026-03-06T14:30:00Z"), 3, UTC);

        assertThat(times).containsExactly(Instant.parse("2026-03-06T15:00:00Z"), Instant.parse("2026-03-09T09:00:00Z"),
                Instant.parse("2026-03-09T10:00:00Z"));
    }

    @Test
    void aDayRangeThroughSundayWrapsToTheWeekend() {
        List<Instant> times = Schedule.cron("0 0 * * FRI-SUN").nextFireTimes(Instant.parse("2026-03-05T12:00:00Z"), 4, UTC);

        assertThat(times).extracting(t -> t.atZone(UTC).getDayOfWeek())
                .containsExactly(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.FRIDAY);
    }

    @Test
    void theSeedsWeeklyReportTimeIsFridayAtFive() {
        assertThat(Schedule.cron("0 17 * * 5").nextFireTimes(Instant.parse("2026-03-06T17:00:00Z"), 1, UTC))
                .containsExactly(Instant.parse("2026-03-13T17:00:00Z"));
    }

    @Test
    void aFiveFieldCronFollowsTheZoneItIsGiven() {
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");

        List<Instant> times = Schedule.cron("30 23 * * *").nextFireTimes(FRIDAY, 2, kolkata);

        assertThat(times).containsExactly(Instant.parse("2026-03-06T18:00:00Z"), Instant.parse("2026-03-07T18:00:00Z"));
        assertThat(times.get(0).atZone(kolkata).toLocalDateTime()).isEqualTo(LocalDateTime.parse("2026-03-06T23:30"));
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @CsvSource(delimiter = '|', value = {
        "* * * *             | has 4 fields",
        "0 0 0 * * ? 2026 1  | has 8 fields",
        "*/61 * * * *        | 61",
        "60 * * * *          | 60",
        "0 24 * * *          | 24",
        "0 0 32 * *          | 32",
        "0 0 * 13 *          | 13",
        "0 0 * * 8           | day-of-week 8 is out of range 0-7",
        "0 0 * * MONDAY-X    | MONDAY",
        "@reboot             | @reboot",
    })
    void aBadCronIsRefusedNamingTheExpressionTheFaultAndExamples(String cron, String fault) {
        assertThatIllegalArgumentException().isThrownBy(() -> Schedule.cron(cron))
                .withMessageContaining("'" + cron.trim() + "'")
                .withMessageContaining(fault)
                .withMessageContaining("valid examples");
    }

    @Test
    void restrictingBothDaysIsRefusedBecauseCronWouldOrThemAndQuartzCannot() {
        assertThatIllegalArgumentException().isThrownBy(() -> Schedule.cron("0 0 1 * 1"))
                .withMessageContaining("cron '0 0 1 * 1' restricts both day-of-month (1) and day-of-week (1)")
                .withMessageContaining("EITHER")
                .withMessageContaining("Use two jobs, or a Quartz cron with one of them '?'");
    }

    @ParameterizedTest(name = "Quartz ''{0}'' is accepted as it is")
    @ValueSource(strings = {"0 0/15 9-15 ? * MON-FRI", "0 30 18 ? * MON-FRI 2026", "15 0 2 L * ?", "0 0 10 ? * 6#3"})
    void aQuartzCronWithSecondsIsAcceptedAsItIs(String quartz) {
        assertThat(Schedule.quartzCron(quartz).quartzCronExpression()).contains(quartz);
        assertThat(Schedule.parse(quartz).quartzCronExpression()).contains(quartz);
    }

    @Test
    void aQuartzCronFiresAtTheSecondsItNames() {
        assertThat(Schedule.quartzCron("0 0/15 9-15 ? * MON-FRI").nextFireTimes(Instant.parse("2026-03-06T15:50:00Z"), 2, UTC))
                .containsExactly(Instant.parse("2026-03-09T09:00:00Z"), Instant.parse("2026-03-09T09:15:00Z"));
    }

    @ParameterizedTest(name = "Quartz ''{0}'' is refused")
    @CsvSource(delimiter = '|', value = {
        "*/15 * * * *                 | has 5 fields",
        "0 0 12 ? * MON-FRI 2026 junk | has 8 fields",
        "0 0 12 ?                     | has 4 fields",
        "0 0 12 ? * FUNDAY            | FUNDAY",
    })
    void aQuartzCronWithTheWrongShapeIsRefused(String quartz, String fault) {
        assertThatIllegalArgumentException().isThrownBy(() -> Schedule.quartzCron(quartz))
                .withMessageContaining(quartz.trim())
                .withMessageContaining(fault);
    }
}
