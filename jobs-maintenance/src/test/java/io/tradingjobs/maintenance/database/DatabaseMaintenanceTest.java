package io.tradingjobs.maintenance.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.notify.Notification;
import io.tradingjobs.core.test.TestDatabases;
import io.tradingjobs.maintenance.RecordingNotifier;
import io.tradingjobs.maintenance.TestSqlite;
import io.tradingjobs.maintenance.internal.MaintenanceSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseMaintenanceTest {
    @TempDir
    Path dir;

    private static final Instant NOW = Instant.parse("2026-02-08T02:00:00Z");
    private final RecordingNotifier notifier = new RecordingNotifier();

    private DatabaseMaintenance maintenance(DSLContext dsl, Map<String, String> settings) {
        return new DatabaseMaintenance(dsl, new MaintenanceSettings(Config.of(settings)), Clock.fixed(NOW, ZoneOffset.UTC), notifier, () -> { });
    }

    @Test
    void onSqliteItChecksPrunesAnalysesVacuumsAndCheckpointsAndSaysSo() throws Exception {
        try (TestSqlite db = TestSqlite.open(dir.resolve("jobs.db"))) {
            DSLContext dsl = db.dsl();
            dsl.execute("CREATE TABLE job_runs (run_id TEXT PRIMARY KEY, started_at BIGINT NOT NULL, message TEXT)");
            dsl.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) "
                    + "INSERT INTO job_runs SELECT 'r' || i, ?, printf('%.200c', 'm') FROM n", NOW.minusSeconds(200L * 86400).toEpochMilli());
            dsl.execute("INSERT INTO job_runs VALUES ('fresh', ?, 'kept')", NOW.toEpochMilli());

            List<DatabaseMaintenance.Report> reports = maintenance(dsl, Map.of()).run();

            DatabaseMaintenance.Report r = reports.get(0);
            assertThat(r.integrity()).isEqualTo("ok");
            assertThat(r.pruned()).containsEntry("job_runs", 20000L);
            assertThat(r.steps()).contains("analyzed", "WAL checkpointed").anyMatch(s -> s.startsWith("vacuumed ("));
            assertThat(r.bytesAfter()).isLessThan(r.bytesBefore() / 4);
            assertThat(r.describe()).startsWith(dir.resolve("jobs.db") + ": integrity ok, pruned job_runs=20000, analyzed, vacuumed (")
                    .contains(" -> ");
            assertThat(Files.size(Path.of(dir.resolve("jobs.db") + "-wal"))).isZero();
            assertThat(dsl.fetchOne("SELECT COUNT(*) FROM job_runs").get(0, Long.class)).isEqualTo(1);
            assertThat(dsl.fetchOne("SELECT COUNT(*) FROM sqlite_stat1").get(0, Long.class)).isPositive();
            assertThat(notifier.sent).isEmpty();
        }
    }

    @Test
    void aFailedIntegrityCheckRaisesAnAlertAndStopsTheRest() throws Exception {
        Path file = dir.resolve("jobs.db");
        TestSqlite.createWithDamagedIndex(file);
        TestSqlite.exec(file, "CREATE TABLE job_runs (run_id TEXT PRIMARY KEY, started_at BIGINT NOT NULL)",
                "INSERT INTO job_runs VALUES ('old', 0)");
        try (TestSqlite db = TestSqlite.open(file)) {
            List<DatabaseMaintenance.Report> reports = maintenance(db.dsl(), Map.of()).run();

            assertThat(reports).hasSize(1);
            assertThat(reports.get(0).healthy()).isFalse();
            assertThat(reports.get(0).integrity()).startsWith("FAILED: ");
            assertThat(reports.get(0).pruned()).isEmpty();
            assertThat(TestSqlite.queryLong(file, "SELECT COUNT(*) FROM job_runs")).as("nothing pruned").isEqualTo(1);
            assertThat(notifier.sent).extracting(Notification::eventKey).containsExactly("maintenance.database.integrity-failed:jobs.db:2026-02-08");
            assertThat(notifier.sent.get(0).body()).contains("was not run");
        }
    }

    @Test
    void otherListedSqliteFilesAreCheckedAnalysedAndCheckpointedToo() throws Exception {
        Path market = dir.resolve("market_data.db");
        TestSqlite.exec(market, "PRAGMA journal_mode=WAL", "CREATE TABLE quotes (id INTEGER PRIMARY KEY)", "INSERT INTO quotes VALUES (1)");
        try (TestSqlite db = TestSqlite.open(dir.resolve("jobs.db"))) {
            db.dsl().execute("CREATE TABLE t (id INTEGER)");
            List<DatabaseMaintenance.Report> reports = maintenance(db.dsl(), Map.of("maintenance.base-dir", dir.toString(),
                    "maintenance.database.files", "market_data.db, missing.db")).run();

            assertThat(reports).extracting(DatabaseMaintenance.Report::database).containsExactly(dir.resolve("jobs.db").toString(), market.toString());
            assertThat(reports.get(1).integrity()).isEqualTo("ok");
            assertThat(reports.get(1).steps()).contains("analyzed", "WAL checkpointed");
        }
    }

    @Test
    void onPostgresItVacuumsAndAnalysesEveryTableOutsideATransaction() throws Exception {
        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(TestDatabases.postgresSchema());
        hc.setMaximumPoolSize(2);
        try (HikariDataSource ds = new HikariDataSource(hc)) {
            DSLContext dsl = DSL.using(ds, SQLDialect.POSTGRES);
            dsl.execute("CREATE TABLE job_runs (run_id TEXT PRIMARY KEY, started_at BIGINT NOT NULL)");
            dsl.execute("CREATE TABLE quotes (id BIGINT PRIMARY KEY, price DOUBLE PRECISION)");
            dsl.execute("INSERT INTO job_runs SELECT 'r' || i, ? FROM generate_series(1, 3000) i", NOW.minusSeconds(100L * 86400).toEpochMilli());
            dsl.execute("INSERT INTO quotes SELECT i, i FROM generate_series(1, 3000) i");

            DatabaseMaintenance.Report r = maintenance(dsl, Map.of("maintenance.database.reindex", "true")).run().get(0);

            assertThat(r.pruned()).containsEntry("job_runs", 3000L);
            assertThat(r.steps()).containsExactly("VACUUM (ANALYZE) of 2 tables", "reindexed 2 tables");
            assertThat(r.bytesBefore()).isPositive();
            await().untilAsserted(() -> assertThat(dsl.fetch("SELECT relname FROM pg_stat_user_tables WHERE schemaname = current_schema() "
                    + "AND last_vacuum IS NOT NULL AND last_analyze IS NOT NULL ORDER BY relname").getValues(0, String.class))
                    .containsExactly("job_runs", "quotes"));
        }
    }
}
