package io.tradingjobs.maintenance.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.test.TestDatabases;
import io.tradingjobs.maintenance.MutableClock;
import io.tradingjobs.maintenance.internal.MaintenanceSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresBackupTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-02-08T02:00:00Z"));

    private BackupSettings settings(Map<String, String> extra) {
        Map<String, String> m = new java.util.HashMap<>(extra);
        m.put("maintenance.backup.dir", dir.resolve("backups").toString());
        return BackupSettings.from(new MaintenanceSettings(Config.of(m)));
    }

    private static long count(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void pgDumpBacksUpTheSchemaInCustomFormatAndPgRestoreBringsItBack() throws Exception {
        String url = TestDatabases.postgresSchema();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE candles (id BIGSERIAL PRIMARY KEY, symbol TEXT, ts TIMESTAMPTZ)");
            s.execute("INSERT INTO candles (symbol, ts) SELECT 'NIFTY', now() - (i || ' minutes')::interval FROM generate_series(1, 1000) i");
        }
        PgTarget target = PgTarget.parse(url);

        Backups.Outcome outcome = new Backups(settings(Map.of()), clock, null).backup(List.of(BackupSource.postgres(target)), () -> { }).get(0);

        assertThat(outcome.error()).isNull();
        BackupFile file = outcome.backup().orElseThrow();
        assertThat(file.kind()).isEqualTo(BackupFile.Kind.POSTGRESQL);
        assertThat(file.path().getFileName().toString()).isEqualTo("test-" + target.schema() + "-20260208-020000.dump");
        assertThat(java.nio.file.Files.readAllBytes(file.path())).startsWith("PGDMP".getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("DELETE FROM candles WHERE id > 10");
        }
        Restore.restorePostgres(file.path(), url, "pg_restore", true);
        assertThat(count(url, "SELECT COUNT(*) FROM candles")).isEqualTo(1000);
    }

    @Test
    void aMissingPgDumpFailsWithAClearErrorAndWritesNothing() throws Exception {
        PgTarget target = PgTarget.parse(TestDatabases.postgresSchema());

        Backups.Outcome outcome = new Backups(settings(Map.of("maintenance.backup.pg-dump", "/nonexistent/pg_dump")), clock, null)
                .backup(List.of(BackupSource.postgres(target)), () -> { }).get(0);

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).contains("pg_dump was not found (maintenance.backup.pg-dump=/nonexistent/pg_dump)")
                .contains("apt-get install postgresql-client");
        assertThat(Backups.list(dir.resolve("backups"))).isEmpty();
    }

    @Test
    void passwordsStayOutOfTheTargetsText() {
        PgTarget t = PgTarget.parse("postgresql://trader:s3cret@db.example:6543/bvmt");

        assertThat(t.toString()).doesNotContain("s3cret").contains("trader@db.example:6543/bvmt");
        assertThat(t.password()).isEqualTo("s3cret");
        assertThat(PgTarget.parse("jdbc:postgresql://127.0.0.1:5432/test?user=postgres&currentSchema=t_1").schema()).isEqualTo("t_1");
    }
}
