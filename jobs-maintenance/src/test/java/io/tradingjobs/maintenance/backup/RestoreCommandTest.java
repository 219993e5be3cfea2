package io.tradingjobs.maintenance.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradingjobs.core.config.Config;
import io.tradingjobs.maintenance.MutableClock;
import io.tradingjobs.maintenance.TestSqlite;
import io.tradingjobs.maintenance.internal.MaintenanceSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RestoreCommandTest {
    @TempDir
    Path dir;

    private Path backup;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void takeABackup() throws Exception {
        Path db = dir.resolve("upstox.db");
        TestSqlite.exec(db, "CREATE TABLE orders (id INTEGER PRIMARY KEY, symbol TEXT)",
                "INSERT INTO orders (symbol) VALUES ('RELIANCE'), ('TCS'), ('INFY')");
        BackupSettings settings = BackupSettings.from(new MaintenanceSettings(Config.of(Map.of("maintenance.backup.dir", dir.resolve("backups").toString()))));
        backup = new Backups(settings, new MutableClock(Instant.parse("2026-02-08T02:00:00Z")), null)
                .backup(List.of(BackupSource.sqlite(db, false)), () -> { }).get(0).backup().orElseThrow().path();
    }

    private int run(String... args) {
        return Restore.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void theCommandRestoresABackupToANewFile() throws Exception {
        Path target = dir.resolve("restore/upstox.db");

        assertThat(run(backup.toString(), target.toString())).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("restored").contains("1 tables, 3 rows");
        assertThat(TestSqlite.queryLong(target, "SELECT COUNT(*) FROM orders")).isEqualTo(3);
    }

    @Test
    void aTargetInUseIsRefusedUnlessForced() throws Exception {
        Path target = dir.resolve("live.db");
        try (TestSqlite live = TestSqlite.open(target)) {
            live.dsl().execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, symbol TEXT)");
            live.dsl().execute("INSERT INTO orders (symbol) VALUES ('X')");

            assertThat(run(backup.toString(), target.toString())).isEqualTo(1);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("is in use").contains("--force");
            assertThat(TestSqlite.queryLong(target, "SELECT COUNT(*) FROM orders")).isEqualTo(1);
        }
        try (TestSqlite live = TestSqlite.open(target)) {
            live.dsl().fetch("SELECT 1");
            assertThat(run("--force", backup.toString(), target.toString())).isZero();
        }
        assertThat(TestSqlite.queryLong(target, "SELECT COUNT(*) FROM orders")).isEqualTo(3);
    }

    @Test
    void aDamagedBackupLeavesTheTargetUntouched() throws Exception {
        Path target = dir.resolve("target.db");
        TestSqlite.exec(target, "CREATE TABLE keep (id INTEGER)", "INSERT INTO keep VALUES (1)");
        Path broken = dir.resolve("backups/upstox-20260209-020000.db.gz");
        Files.write(broken, new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3});

        assertThat(run(broken.toString(), target.toString())).isEqualTo(1);

        assertThat(err.toString(StandardCharsets.UTF_8)).contains("restore failed");
        assertThat(TestSqlite.queryLong(target, "SELECT COUNT(*) FROM keep")).isEqualTo(1);
        assertThat(dir.resolve(".target.db.restoring")).doesNotExist();
    }

    @Test
    void listShowsTheBackupsNewestFirstAndBadUsageSaysHow() {
        assertThat(run("--list", dir.resolve("backups").toString())).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("upstox-20260208-020000.db.gz\t2026-02-08T02:00:00Z\t");

        assertThat(run(backup.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: Restore [--force] <backup.db.gz> <target.db>");
    }
}
