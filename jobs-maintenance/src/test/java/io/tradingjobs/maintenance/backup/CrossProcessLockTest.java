package io.tradingjobs.maintenance.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tradingjobs.core.config.Config;
import io.tradingjobs.maintenance.MutableClock;
import io.tradingjobs.maintenance.TestSqlite;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrossProcessLockTest {
    @TempDir
    Path dir;

    @Test
    void aBackupWaitsWhileAnotherProcessHoldsTheDirectorysLock() throws Exception {
        Path db = dir.resolve("market_data.db");
        TestSqlite.exec(db, "CREATE TABLE quotes (id INTEGER PRIMARY KEY)", "INSERT INTO quotes VALUES (1)");
        Path backups = Files.createDirectories(dir.resolve("backups"));
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LockHolder.class.getName(), backups.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("locked true");
            BackupSettings settings = BackupSettings.from(Config.of(Map.of("maintenance.backup.dir", backups.toString())));

            CompletableFuture<List<Backups.Outcome>> backup = CompletableFuture.supplyAsync(() -> {
                try {
                    return new Backups(settings, new MutableClock(Instant.parse("2026-02-08T02:00:00Z")), null)
                            .backup(List.of(BackupSource.sqlite(db, false)), () -> { });
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> !backup.isDone());
            assertThat(Backups.list(backups)).isEmpty();

            other.getOutputStream().close(); // the other process lets go
            assertThat(backup.get(30, java.util.concurrent.TimeUnit.SECONDS)).singleElement().matches(Backups.Outcome::ok);
            assertThat(Backups.list(backups)).hasSize(1);
        } finally {
            other.destroy();
            other.waitFor();
        }
    }
}
