package io.tradingjobs.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.JobStatus;
import io.tradingjobs.core.SchedulerBuildException;
import io.tradingjobs.core.test.TestDatabases;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportsJobProviderTest {
    @TempDir
    Path dir;

    private JobScheduler build(Map<String, String> env) {
        // The other job modules are on the test classpath (for their table scripts): load only this provider.
        return JobScheduler.builder().discover(false).provider(new ReportsJobProvider()).environment(env).workingDirectory(dir)
                .config("jobs.database.url", TestDatabases.sqlite(dir)).config("jobs.scheduler.name", "reports-p-" + System.nanoTime())
                .build();
    }

    private static Map<String, String> schedules(JobScheduler s) {
        return s.jobs().stream().collect(Collectors.toMap(JobStatus::id, j -> j.schedule()));
    }

    @Test
    @DisplayName("the provider is discovered and schedules performance at 16:00 on NSE trading days, daily at 18:00 and weekly on Friday at 17:00 in Tunis")
    void defaultSchedules() {
        assertThat(ServiceLoader.load(io.tradingjobs.core.spi.JobProvider.class).stream().map(p -> p.type().getName()))
                .contains(ReportsJobProvider.class.getName());
        try (JobScheduler s = build(Map.of())) {
            assertThat(schedules(s)).containsEntry("reports.performance", "daily at 16:00 on NSE trading days")
                    .containsEntry("reports.daily", "daily at 18:00 in Africa/Tunis")
                    .containsEntry("reports.weekly", "weekly on friday at 17:00 in Africa/Tunis");
        }
    }

    @Test
    @DisplayName("the seed's DAILY_REPORT_TIME, WEEKLY_REPORT_DAY and WEEKLY_REPORT_TIME move the report schedules")
    void seedEnvironment() {
        try (JobScheduler s = build(Map.of("DAILY_REPORT_TIME", "18:30", "WEEKLY_REPORT_DAY", "thursday", "WEEKLY_REPORT_TIME", "16:45"))) {
            assertThat(schedules(s)).containsEntry("reports.daily", "daily at 18:30 in Africa/Tunis")
                    .containsEntry("reports.weekly", "weekly on thursday at 16:45 in Africa/Tunis");
        }
    }

    @Test
    @DisplayName("a report time that is not a time is refused at build, naming the setting and the form to use")
    void badTime() {
        assertThatThrownBy(() -> build(Map.of("DAILY_REPORT_TIME", "six pm")).close())
                .isInstanceOf(SchedulerBuildException.class).hasMessageContaining("reports.daily.time is 'six pm'")
                .hasMessageContaining("18:00");
    }

    @Test
    @DisplayName("a starting capital that is not an amount, or a zone that does not exist, is refused at build")
    void badSettings() {
        assertThatThrownBy(() -> JobScheduler.builder().discover(false).provider(new ReportsJobProvider()).environment(Map.of()).workingDirectory(dir)
                .config("jobs.database.url", TestDatabases.sqlite(dir)).config("reports.capital", "1m").build().close())
                .isInstanceOf(SchedulerBuildException.class).hasMessageContaining("reports.capital").hasMessageContaining("1m");
        assertThatThrownBy(() -> JobScheduler.builder().discover(false).provider(new ReportsJobProvider()).environment(Map.of()).workingDirectory(dir)
                .config("jobs.database.url", TestDatabases.sqlite(dir)).config("reports.market.timezone", "Mars/Olympus").build().close())
                .isInstanceOf(SchedulerBuildException.class).hasMessageContaining("reports.market.timezone").hasMessageContaining("Mars/Olympus");
    }
}
