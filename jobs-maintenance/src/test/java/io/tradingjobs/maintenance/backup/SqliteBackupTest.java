package io.tradingjobs.maintenance.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.notify.Notification;
import io.tradingjobs.maintenance.MutableClock;
import io.tradingjobs.maintenance.RecordingNotifier;
import io.tradingjobs.maintenance.TestSqlite;
import io.tradingjobs.maintenance.internal.MaintenanceSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteBackupTest {
    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-02-08T02:00:00Z"));
    private final RecordingNotifier notifier = new RecordingNotifier();

    private BackupSettings settings() {
        return BackupSettings.from(new MaintenanceSettings(Config.of(Map.of("maintenance.backup.dir", dir.resolve("backups").toString()))));
    }

    private Path smallDatabase(String name, int rows) throws Exception {
        Path db = dir.resolve(name);
        TestSqlite.exec(db, "PRAGMA journal_mode=WAL", "CREATE TABLE IF NOT EXISTS quotes (id INTEGER PRIMARY KEY, symbol TEXT, price REAL)",
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + rows + ") "
                        + "INSERT INTO quotes (symbol, price) SELECT 'SYM' || (i % 50), i * 1.5 FROM n");
        return db;
    }

    private List<String> filesIn(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aBackupTakenWhileAnotherThreadInsertsOpensPassesItsCheckHoldsAPrefixAndRestoresTheSameCounts() throws Exception {
        Path db = dir.resolve("live.db");
        AtomicLong committed = new AtomicLong();
        AtomicReference<Throwable> writerError = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();
        try (TestSqlite live = TestSqlite.open(db)) {
            live.dsl().execute("CREATE TABLE ticks (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)");
            // ~30 MB so the copy takes long enough for commits to land during it.
            live.dsl().execute("CREATE TABLE history (id INTEGER PRIMARY KEY, blob TEXT)");
            live.dsl().execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30000) "
                    + "INSERT INTO history (blob) SELECT printf('%.1000c', 'x') FROM n");
            Thread writer = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        long next = committed.get() + 1;
                        live.dsl().transaction(cfg -> org.jooq.impl.DSL.using(cfg)
                                .execute("INSERT INTO ticks (id, payload) VALUES (?, ?)", next, "tick " + next));
                        committed.set(next);
                    }
                } catch (Throwable t) {
                    writerError.set(t);
                }
            }, "test-writer");
            writer.start();
            await().until(() -> committed.get() >= 200);
            long before = committed.get();

            List<Backups.Outcome> outcomes = new Backups(settings(), clock, notifier)
                    .backup(List.of(BackupSource.sqlite(db, false)), () -> { });

            await().until(() -> committed.get() >= before + 200 || writerError.get() != null);
            stop.set(true);
            writer.join();
            assertThat(writerError.get()).isNull();
            Backups.Outcome outcome = outcomes.get(0);
            assertThat(outcome.error()).isNull();
            Path backup = outcome.backup().orElseThrow().path();
            assertThat(backup.getFileName().toString()).isEqualTo("live-20260208-020000.db.gz");

            Path opened = dir.resolve("opened.db");
            assertThat(Backups.verify(backup, opened)).isEmpty();
            long rows = TestSqlite.queryLong(opened, "SELECT COUNT(*) FROM ticks");
            assertThat(rows).isBetween(before, committed.get());
            assertThat(TestSqlite.queryLong(opened, "SELECT MAX(id) FROM ticks")).isEqualTo(rows); // no gaps: a prefix
            assertThat(TestSqlite.queryLong(opened, "SELECT COUNT(*) FROM history")).isEqualTo(30000);

            Restore.Result restored = Restore.restoreSqlite(backup, dir.resolve("restored/trading-jobs.db"), false);
            assertThat(restored.rowCounts()).containsEntry("ticks", rows).containsEntry("history", 30000L);
        }
        assertThat(filesIn(dir.resolve("backups"))).containsExactly(".backup.lock", "live-20260208-020000.db.gz");
    }

    @Test
    void vacuumIntoIsAnAlternativeOnlineCopy() throws Exception {
        Path db = smallDatabase("market_data.db", 500);

        List<Backups.Outcome> outcomes = new Backups(settings().withMethod(BackupSettings.Method.VACUUM_INTO), clock, notifier)
                .backup(List.of(BackupSource.sqlite(db, false)), () -> { });

        Path restored = dir.resolve("restored.db");
        Restore.Result r = Restore.restoreSqlite(outcomes.get(0).backup().orElseThrow().path(), restored, false);
        assertThat(r.rowCounts()).containsEntry("quotes", 500L);
    }

    @Test
    void aSimulatedYearOfDailyBackupsLeavesSevenDailyFourWeeklyAndTwelveMonthly() throws Exception {
        Path db = smallDatabase("market_data.db", 20);
        Backups backups = new Backups(settings(), clock, notifier);
        Files.createDirectories(dir.resolve("backups"));
        Files.writeString(dir.resolve("backups/README.txt"), "not a backup: never deleted");

        for (LocalDate d = LocalDate.parse("2026-01-01"); !d.isAfter(LocalDate.parse("2026-12-31")); d = d.plusDays(1)) {
            clock.set(d.atTime(2, 0).toInstant(ZoneOffset.UTC));
            assertThat(backups.backup(List.of(BackupSource.sqlite(db, false)), () -> { }).get(0).ok()).isTrue();
        }

        List<BackupFile> left = Backups.list(dir.resolve("backups"));
        GfsRetention.Plan<BackupFile> plan = GfsRetention.standard().plan(left, BackupFile::time, clock.instant());
        assertThat(plan.count(GfsRetention.Reason.DAILY)).isEqualTo(7);
        assertThat(plan.count(GfsRetention.Reason.WEEKLY)).isEqualTo(4);
        assertThat(plan.count(GfsRetention.Reason.MONTHLY)).isEqualTo(12);
        assertThat(plan.delete()).isEmpty();
        assertThat(left).hasSize(20);
        assertThat(filesIn(dir.resolve("backups"))).contains("README.txt", "market_data-20260131-020000.db.gz",
                "market_data-20261213-020000.db.gz", "market_data-20261225-020000.db.gz", "market_data-20261231-020000.db.gz")
                .doesNotContain("market_data-20261224-020000.db.gz", "market_data-20261212-020000.db.gz");
    }

    @Test
    void aCorruptSourceRaisesAnAlertAndWritesNoBackupOverTheGoodOnes() throws Exception {
        Path db = smallDatabase("market_data.db", 5000);
        Backups backups = new Backups(settings(), clock, notifier);
        assertThat(backups.backup(List.of(BackupSource.sqlite(db, false)), () -> { }).get(0).ok()).isTrue();
        TestSqlite.corrupt(db);
        clock.advance(Duration.ofDays(1));

        Backups.Outcome outcome = backups.backup(List.of(BackupSource.sqlite(db, false)), () -> { }).get(0);

        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.corruptSource()).isTrue();
        assertThat(outcome.error()).contains("corrupt");
        assertThat(notifier.sent).extracting(Notification::eventKey).containsExactly("maintenance.backup.corrupt-source:market_data:20260209-020000");
        assertThat(notifier.sent.get(0).severity()).isEqualTo(Notification.Severity.CRITICAL);
        assertThat(filesIn(dir.resolve("backups"))).containsExactly(".backup.lock", "market_data-20260208-020000.db.gz");
    }

    @Test
    void aDamagedIndexInTheSourceIsCaughtByTheVerification() throws Exception {
        Path db = dir.resolve("damaged.db");
        TestSqlite.createWithDamagedIndex(db);

        Backups.Outcome outcome = new Backups(settings(), clock, notifier).backup(List.of(BackupSource.sqlite(db, false)), () -> { }).get(0);

        assertThat(outcome.corruptSource()).isTrue();
        assertThat(notifier.sent).hasSize(1);
        assertThat(filesIn(dir.resolve("backups"))).containsExactly(".backup.lock");
    }

    @Test
    void temporaryFilesLeftByACrashedBackupAreRemovedByTheNextOne() throws Exception {
        Path db = smallDatabase("market_data.db", 10);
        Files.createDirectories(dir.resolve("backups"));
        Files.writeString(dir.resolve("backups/.market_data-20260207-020000.db.gz.part"), "cut off by a power loss");
        Files.writeString(dir.resolve("backups/.market_data-20260207-020000.copy.db"), "cut off by a power loss");

        new Backups(settings(), clock, notifier).backup(List.of(BackupSource.sqlite(db, false)), () -> { });

        assertThat(filesIn(dir.resolve("backups"))).containsExactly(".backup.lock", "market_data-20260208-020000.db.gz");
    }

    @Test
    void aBackupDirectoryThatIsAFileFailsWithTheFixAndWritesNothing() throws Exception {
        Path db = smallDatabase("market_data.db", 10);
        Files.writeString(dir.resolve("backups"), "a file where the directory should be");

        assertThatThrownBy(() -> new Backups(settings(), clock, notifier).backup(List.of(BackupSource.sqlite(db, false)), () -> { }))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(dir.resolve("backups") + " is not a directory")
                .hasMessageContaining("maintenance.backup.dir");
        assertThat(Files.readString(dir.resolve("backups"))).isEqualTo("a file where the directory should be");

        BackupSettings under = settings().withDir(dir.resolve("backups/nightly"));
        assertThatThrownBy(() -> new Backups(under, clock, notifier).backup(List.of(BackupSource.sqlite(db, false)), () -> { }))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot create the backup directory " + dir.resolve("backups/nightly"))
                .hasMessageContaining("set maintenance.backup.dir");
    }

    @Test
    void aWriteThatFailsMidwayRemovesThePartialFileAndLeavesOlderBackupsAlone() throws Exception {
        Path db = smallDatabase("market_data.db", 20000);
        assertThat(new Backups(settings(), clock, notifier).backup(List.of(BackupSource.sqlite(db, false)), () -> { }).get(0).ok()).isTrue();
        byte[] olderBackup = Files.readAllBytes(dir.resolve("backups/market_data-20260208-020000.db.gz"));
        clock.advance(Duration.ofDays(1));
        AtomicBoolean partialSeen = new AtomicBoolean();
        Backups.Sink diskFull = file -> new OutputStream() {
            private final OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            private long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (written + len > 4096) {
                    partialSeen.set(Files.size(file) > 0 || written > 0 || Files.exists(file));
                    throw new IOException("No space left on device");
                }
                out.write(b, off, len);
                written += len;
            }

            @Override
            public void close() throws IOException {
                out.close();
            }
        };

        Backups.Outcome outcome = new Backups(settings(), clock, notifier, diskFull).backup(List.of(BackupSource.sqlite(db, false)), () -> { })
                .get(0);

        assertThat(partialSeen).isTrue();
        assertThat(outcome.ok()).isFalse();
        assertThat(outcome.error()).contains("No space left on device").contains("disk full").contains("partial file was removed");
        assertThat(filesIn(dir.resolve("backups"))).containsExactly(".backup.lock", "market_data-20260208-020000.db.gz");
        assertThat(Files.readAllBytes(dir.resolve("backups/market_data-20260208-020000.db.gz"))).isEqualTo(olderBackup);
        assertThat(notifier.sent).isEmpty();
    }

    @Test
    void twoBackupsAtOnceRunOneAfterTheOther() throws Exception {
        Path db = smallDatabase("market_data.db", 1000);
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch firstHolds = new CountDownLatch(1);
        CountDownLatch releaseFirst = new CountDownLatch(1);
        Backups.LockListener listener = new Backups.LockListener() {
            @Override
            public void acquired() {
                events.add("acquired by " + Thread.currentThread().getName());
                if (Thread.currentThread().getName().equals("first")) {
                    firstHolds.countDown();
                    try {
                        releaseFirst.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }

            @Override
            public void releasing() {
                events.add("released by " + Thread.currentThread().getName());
            }
        };
        List<Backups.Outcome> outcomes = new CopyOnWriteArrayList<>();
        Runnable backup = () -> {
            try {
                outcomes.addAll(new Backups(settings(), clock, notifier).onLock(listener).backup(List.of(BackupSource.sqlite(db, false)), () -> { }));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        Thread first = new Thread(backup, "first");
        Thread second = new Thread(backup, "second");
        first.start();
        assertThat(firstHolds.await(30, TimeUnit.SECONDS)).isTrue();
        second.start();
        await().until(() -> second.getState() == Thread.State.WAITING);
        assertThat(events).containsExactly("acquired by first");

        releaseFirst.countDown();
        first.join();
        second.join();

        assertThat(events).containsExactly("acquired by first", "released by first", "acquired by second", "released by second");
        assertThat(outcomes).allMatch(Backups.Outcome::ok).hasSize(2);
        // Same second on the clock: the second backup gets a sequence suffix instead of overwriting the first,
        // and then retention keeps only the newest backup of the day.
        assertThat(outcomes.get(1).backup().orElseThrow().path().getFileName()).hasToString("market_data-20260208-020000-2.db.gz");
        assertThat(outcomes.get(1).deleted()).extracting(p -> p.getFileName().toString()).containsExactly("market_data-20260208-020000.db.gz");
        assertThat(filesIn(dir.resolve("backups"))).containsExactly(".backup.lock", "market_data-20260208-020000-2.db.gz");
    }
}
