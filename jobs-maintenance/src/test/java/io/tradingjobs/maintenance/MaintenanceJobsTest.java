package io.tradingjobs.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tradingjobs.core.JobRun;
import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.JobStatus;
import io.tradingjobs.core.RunStatus;
import io.tradingjobs.core.spi.JobProvider;
import io.tradingjobs.core.test.TestDatabases;
import io.tradingjobs.maintenance.backup.BackupFile;
import io.tradingjobs.maintenance.backup.Backups;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The three jobs as a host runs them: discovered provider, real scheduler, real databases. */
class MaintenanceJobsTest {
    @TempDir
    Path dir;

    /** With the jobs' own schedules, for the test that reads them. */
    private JobScheduler scheduler(String url, Map<String, String> extra) {
        return scheduler(url, extra, false);
    }

    /**
     * For the tests that run the jobs with runNow: the jobs made manual, since their real crons (02:00 and 03:00
     * IST on the system clock) firing during a test would refuse its runNow (JobAlreadyRunningException) or
     * write a second backup file.
     */
    private JobScheduler manualScheduler(String url, Map<String, String> extra) {
        return scheduler(url, extra, true);
    }

    private JobScheduler scheduler(String url, Map<String, String> extra, boolean manual) {
        Map<String, String> config = new HashMap<>(extra);
        if (manual) {
            for (String job : List.of(MaintenanceJobProvider.BACKUP, MaintenanceJobProvider.CLEANUP, MaintenanceJobProvider.DATABASE)) {
                config.put("jobs." + job + ".schedule", "manual");
            }
        }
        config.put("jobs.database.url", url);
        config.put("maintenance.base-dir", dir.toString());
        config.put("jobs.timezone", "Asia/Kolkata");
        return JobScheduler.builder().discover(false).environment(Map.of()).workingDirectory(dir).config(config)
                .provider(new MaintenanceJobProvider()).build();
    }

    private static JobRun runAndWait(JobScheduler s, String jobId) {
        String runId = s.runNow(jobId);
        await().atMost(Duration.ofSeconds(60)).until(() -> s.run(runId).map(r -> r.status() != RunStatus.RUNNING && r.finishedAt() != null)
                .orElse(false));
        return s.run(runId).orElseThrow();
    }

    private static long count(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void theProviderIsFoundByServiceLoaderAndSchedulesTheSeedsTimes() {
        assertThat(ServiceLoader.load(JobProvider.class).stream().map(ServiceLoader.Provider::type).toList())
                .contains(MaintenanceJobProvider.class);
        assertThat(new MaintenanceJobProvider().defaults()).containsEntry("maintenance.backup.dir", "./backups")
                .containsEntry("maintenance.retention.candles", "1826d").containsEntry("maintenance.retention.job_runs", "90d")
                .containsKeys("maintenance.backup.files", "maintenance.cleanup.notifications.archive-after", "maintenance.backup.pg-dump");

        try (JobScheduler s = scheduler(TestDatabases.sqlite(dir), Map.of())) {
            s.start();
            assertThat(s.jobs()).extracting(JobStatus::id, JobStatus::schedule).contains(
                    org.assertj.core.groups.Tuple.tuple("maintenance.backup", "0 2 * * *"),
                    org.assertj.core.groups.Tuple.tuple("maintenance.cleanup", "0 3 * * *"),
                    org.assertj.core.groups.Tuple.tuple("maintenance.database", "0 2 * * 0"));
        }
    }

    @Test
    void onSqliteTheBackupCleanupAndMaintenanceRunsDoTheirWorkAndSaySo() throws Exception {
        String url = TestDatabases.sqlite(dir);
        TestSqlite.exec(dir.resolve("market_data.db"), "CREATE TABLE candles (id INTEGER PRIMARY KEY, ts INTEGER)", "INSERT INTO candles VALUES (1, 1)");
        Files.createDirectories(dir.resolve("cache"));
        TestSqlite.exec(dir.resolve("cache/yahoo_cache.sqlite"), "CREATE TABLE responses (url TEXT)", "INSERT INTO responses VALUES ('x')");
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("logs/jobs.log.1"), "old");
        Files.setLastModifiedTime(dir.resolve("logs/jobs.log.1"), FileTime.from(Instant.now().minus(Duration.ofDays(120))));
        Files.writeString(dir.resolve("logs/jobs.log"), "current");
        Map<String, String> settings = Map.of("maintenance.backup.files", "market_data.db, upstox.db, cache/yahoo_cache.sqlite",
                "maintenance.cleanup.log-dirs", "logs");
        try (JobScheduler s = manualScheduler(url, settings)) {
            s.start();

            JobRun backup = runAndWait(s, "maintenance.backup");
            assertThat(backup.status()).as(backup.toString()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(backup.message()).contains("market_data: market_data-").contains("upstox: skipped").contains("yahoo_cache: yahoo_cache-");
            assertThat(Backups.list(dir.resolve("backups"))).extracting(BackupFile::name)
                    .containsExactlyInAnyOrder(Path.of(url.substring("jdbc:sqlite:".length())).getFileName().toString().replace(".db", ""),
                            "market_data", "yahoo_cache");

            long old = Instant.now().minus(Duration.ofDays(40)).toEpochMilli();
            long ancient = Instant.now().minus(Duration.ofDays(100)).toEpochMilli();
            try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
                st.execute("INSERT INTO notification_events VALUES ('e1', 'k1', 'warning', 'sent long ago', 'b', 'test', 'n', " + old + ")");
                st.execute("INSERT INTO notification_deliveries (event_id, channel, status, attempts, next_attempt_at) VALUES ('e1', 'email', 'SENT', 1, 0)");
                st.execute("INSERT INTO notification_events VALUES ('e2', 'k2', 'critical', 'still pending', 'b', 'test', 'n', " + old + ")");
                st.execute("INSERT INTO notification_deliveries (event_id, channel, status, attempts, next_attempt_at) VALUES ('e2', 'email', 'PENDING', 3, 0)");
                st.execute("INSERT INTO notification_events VALUES ('e3', 'k3', 'info', 'recent', 'b', 'test', 'n', " + Instant.now().toEpochMilli() + ")");
                st.execute("INSERT INTO job_runs (run_id, job_id, started_at, status, attempt, node_id, trigger_kind) "
                        + "VALUES ('ancient', 'x.y', " + ancient + ", 'SUCCEEDED', 1, 'n', 'MANUAL')");
            }

            JobRun cleanup = runAndWait(s, "maintenance.cleanup");
            assertThat(cleanup.status()).as(cleanup.toString()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(cleanup.message()).isEqualTo("job history pruned 1, notifications archived 1, log files deleted 1, PRAGMA optimize");
            assertThat(count(url, "SELECT COUNT(*) FROM notification_archive WHERE event_id = 'e1' AND deliveries = 'email:SENT'")).isEqualTo(1);
            assertThat(count(url, "SELECT COUNT(*) FROM notification_events")).isEqualTo(2);
            assertThat(count(url, "SELECT COUNT(*) FROM job_runs WHERE run_id = 'ancient'")).isZero();
            assertThat(dir.resolve("logs/jobs.log.1")).doesNotExist();
            assertThat(dir.resolve("logs/jobs.log")).exists();

            JobRun maintenance = runAndWait(s, "maintenance.database");
            assertThat(maintenance.status()).as(maintenance.toString()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(maintenance.message()).contains(": integrity ok, ").contains("analyzed").contains("WAL checkpoint").contains(" -> ");
        }
    }

    @Test
    void anIntegrityFailureFailsTheRunAndLeavesAnAlertInTheOutbox() throws Exception {
        String url = TestDatabases.sqlite(dir);
        TestSqlite.createWithDamagedIndex(dir.resolve("damaged.db"));
        try (JobScheduler s = manualScheduler(url, Map.of("maintenance.database.files", "damaged.db"))) {
            s.start();

            JobRun run = runAndWait(s, "maintenance.database");

            assertThat(run.status()).isEqualTo(RunStatus.FAILED);
            assertThat(run.attempt()).isEqualTo(1);
            assertThat(run.message()).contains("integrity check failed for " + dir.resolve("damaged.db"))
                    .contains("the rest of the maintenance was skipped");
            assertThat(count(url, "SELECT COUNT(*) FROM notification_events WHERE event_key LIKE 'maintenance.database.integrity-failed:damaged.db:%' "
                    + "AND severity = 'CRITICAL'")).isEqualTo(1);
        }
    }

    @Test
    void onPostgresTheBackupIsAPgDumpOfTheSchemaAndMaintenanceVacuumsEveryTable() throws Exception {
        String url = TestDatabases.postgresSchema();
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        try (JobScheduler s = manualScheduler(url, Map.of())) {
            s.start();

            JobRun backup = runAndWait(s, "maintenance.backup");
            assertThat(backup.status()).as(backup.toString()).isEqualTo(RunStatus.SUCCEEDED);
            List<BackupFile> files = Backups.list(dir.resolve("backups"));
            assertThat(files).singleElement().satisfies(f -> {
                assertThat(f.kind()).isEqualTo(BackupFile.Kind.POSTGRESQL);
                assertThat(f.name()).isEqualTo("test-" + schema);
            });

            JobRun maintenance = runAndWait(s, "maintenance.database");
            assertThat(maintenance.status()).as(maintenance.toString()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(maintenance.message()).startsWith("PostgreSQL schema " + schema + ": integrity not checked (PostgreSQL), pruned job_runs=0")
                    .contains("VACUUM (ANALYZE) of ");

            JobRun cleanup = runAndWait(s, "maintenance.cleanup");
            assertThat(cleanup.status()).as(cleanup.toString()).isEqualTo(RunStatus.SUCCEEDED);
            assertThat(cleanup.message()).contains("VACUUM (ANALYZE) of job_runs, notification_events, notification_deliveries, notification_archive");
        }
    }
}
