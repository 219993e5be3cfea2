package io.tradingjobs.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.calendar.CalendarDay;
import io.tradingjobs.core.calendar.CalendarStore;
import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.spi.Job;
import io.tradingjobs.core.spi.JobContext;
import io.tradingjobs.core.spi.JobDefinition;
import io.tradingjobs.core.spi.JobProvider;
import io.tradingjobs.core.spi.Schedule;
import io.tradingjobs.core.test.TestDatabases;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Module migrations and the stored calendar days, on SQLite and PostgreSQL. */
class StorageTest {
    @TempDir
    Path dir;

    /** A provider with its own migrations, as a job module has. */
    static final class WidgetProvider implements JobProvider {
        @Override
        public String name() {
            return "widgets";
        }

        @Override
        public List<ProvidedJob> jobs(Config config) {
            return List.of(JobProvider.job(JobDefinition.builder("widgets.count").schedule("manual").build(), CountJob.class));
        }

        @Override
        public List<String> migrations() {
            return List.of("classpath:db/test/widgets/{vendor}");
        }
    }

    /** Reads the stored calendar through injection. */
    static final class CountJob implements Job {
        static final AtomicReference<CalendarStore> SEEN = new AtomicReference<>();

        @Inject
        CountJob(CalendarStore store) {
            SEEN.set(store);
        }

        @Override
        public void run(JobContext context) {
        }
    }

    private JobScheduler scheduler(String url) {
        return JobScheduler.builder().discover(false).environment(Map.of()).workingDirectory(dir)
                .config("jobs.database.url", url).provider(new WidgetProvider()).build();
    }

    @Test
    void aProvidersMigrationsRunAtStartWithTheirOwnHistoryOnSqlite() throws Exception {
        String url = TestDatabases.sqlite(dir);
        assertProviderMigrated(url);
    }

    @Test
    void aProvidersMigrationsRunAtStartWithTheirOwnHistoryOnPostgres() throws Exception {
        String url = TestDatabases.postgresSchema();
        assertProviderMigrated(url);
    }

    private void assertProviderMigrated(String url) throws Exception {
        try (JobScheduler s = scheduler(url)) {
            s.start();
        }
        try (JobScheduler s = scheduler(url)) { // a second start applies nothing twice
            s.start();
        }
        try (Connection c = DriverManager.getConnection(url)) {
            c.createStatement().execute("INSERT INTO test_widgets (name, colour) VALUES ('a', 'red')");
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM flyway_history_widgets WHERE success = "
                    + (url.contains("sqlite") ? "1" : "true") + " AND version IS NOT NULL AND version <> '0'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
            try (ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM flyway_history_core WHERE version = '2'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void aRefreshedHolidayClosesTheMarketForSchedulesAndSurvivesARestart() {
        String url = TestDatabases.sqlite(dir);
        LocalDate monday = LocalDate.of(2026, 11, 30); // an ordinary NSE trading day in the shipped table
        Schedule daily = Schedule.parse("daily at 16:00 on NSE trading days");
        Instant sundayNight = monday.minusDays(1).atStartOfDay(ZoneId.of("Asia/Kolkata")).toInstant();
        try (JobScheduler s = scheduler(url)) {
            s.start();
            s.runNow("widgets.count");
            org.awaitility.Awaitility.await().until(() -> CountJob.SEEN.get() != null);
            CalendarStore store = CountJob.SEEN.get();
            assertThat(store.calendar("NSE").isTradingDay(monday)).isTrue();

            store.replaceHolidays("NSE", 2026, List.of(CalendarDay.holiday(LocalDate.of(2026, 1, 26), "Republic Day"),
                    CalendarDay.holiday(monday, "Exchange closure (test)")), "test");

            assertThat(store.calendar("NSE").isTradingDay(monday)).isFalse();
            assertThat(store.calendar("NSE").holidayName(monday)).contains("Exchange closure (test)");
            assertThat(daily.nextFireTimes(sundayNight, 1, ZoneId.of("UTC")).get(0).atZone(ZoneId.of("Asia/Kolkata")).toLocalDate())
                    .isEqualTo(monday.plusDays(1));
        }
        CountJob.SEEN.set(null);
        io.tradingjobs.core.internal.schedule.ActiveCalendars.install(io.tradingjobs.core.calendar.TradingCalendars.nse());
        try (JobScheduler s = scheduler(url)) {
            s.start();
            assertThat(io.tradingjobs.core.internal.schedule.ActiveCalendars.get("NSE").isTradingDay(monday)).isFalse();
        } finally {
            io.tradingjobs.core.internal.schedule.ActiveCalendars.install(io.tradingjobs.core.calendar.TradingCalendars.nse());
        }
    }

    @Test
    void anEmptyHolidayListIsRefusedAndTheStoredListStays() {
        try (JobScheduler s = scheduler(TestDatabases.sqlite(dir))) {
            s.start();
            s.runNow("widgets.count");
            org.awaitility.Awaitility.await().until(() -> CountJob.SEEN.get() != null);
            CalendarStore store = CountJob.SEEN.get();
            assertThatThrownBy(() -> store.replaceHolidays("NSE", 2026, List.of(), "https://example.invalid/holidays"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty holiday list");
            assertThatThrownBy(() -> store.replaceHolidays("XNSE", 2026, List.of(CalendarDay.holiday(LocalDate.of(2026, 1, 26), "x")), "t"))
                    .hasMessageContaining("unknown exchange 'XNSE'");
            assertThat(store.calendar("NSE").isTradingDay(LocalDate.of(2026, 1, 26))).isFalse();
        } finally {
            CountJob.SEEN.set(null);
        }
    }
}
