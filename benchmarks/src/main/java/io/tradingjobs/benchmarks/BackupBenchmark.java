package io.tradingjobs.benchmarks;

import io.tradingjobs.core.config.Config;
import io.tradingjobs.maintenance.backup.BackupSettings;
import io.tradingjobs.maintenance.backup.BackupSource;
import io.tradingjobs.maintenance.backup.Backups;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Backup of a large SQLite database (default 1024 MB) by {@code maintenance.backup} against a
 * plain {@link Files#copy} of the same file (the disk's limit), in the same run: the raw online
 * copies (backup API and {@code VACUUM INTO}) alone, and the whole backup (online copy, gzip,
 * decompress and {@code PRAGMA integrity_check}) at the default level and at level 1.
 *
 * <p>Run: {@code java -cp benchmarks/target/trading-jobs-benchmarks.jar io.tradingjobs.benchmarks.BackupBenchmark
 * [--size-mb 1024] [--dir /tmp] [--keep]}. Everything it creates is deleted at the end unless {@code --keep}.
 */
public final class BackupBenchmark {

    private BackupBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long sizeMb = Long.parseLong(arg(args, "--size-mb", "1024"));
        Path base = Path.of(arg(args, "--dir", System.getProperty("java.io.tmpdir")));
        boolean keep = List.of(args).contains("--keep");
        Path dir = Files.createTempDirectory(base, "tj-backup-bench");
        try {
            run(dir, sizeMb);
        } finally {
            if (!keep) {
                deleteTree(dir);
            }
        }
    }

    private static void run(Path dir, long sizeMb) throws Exception {
        Path db = dir.resolve("market_data.db");
        System.out.printf(Locale.ROOT, "BackupBenchmark: %d MB SQLite database in %s, %s %s, %d CPUs%n", sizeMb, dir,
                System.getProperty("java.vm.name"), System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        long t0 = System.nanoTime();
        build(db, sizeMb * 1024 * 1024);
        long bytes = Files.size(db);
        double mb = bytes / 1048576.0;
        System.out.printf(Locale.ROOT, "built %.0f MB in %.1f s%n", mb, secs(t0));

        Path copy = dir.resolve("plain-copy.db");
        long t = System.nanoTime();
        Files.copy(db, copy, StandardCopyOption.REPLACE_EXISTING);
        fsync(copy);
        report("Files.copy + fsync (disk limit)", mb, secs(t), bytes);
        Files.delete(copy);

        Path raw = dir.resolve("raw-online.db");
        t = System.nanoTime();
        Backups.onlineCopy(db, raw, BackupSettings.Method.BACKUP_API);
        fsync(raw);
        report("online copy, backup API (raw)", mb, secs(t), Files.size(raw));
        Files.delete(raw);

        t = System.nanoTime();
        Backups.onlineCopy(db, raw, BackupSettings.Method.VACUUM_INTO);
        fsync(raw);
        report("online copy, VACUUM INTO (raw)", mb, secs(t), Files.size(raw));
        Files.delete(raw);

        for (String level : List.of("6", "1")) {
            Path backups = dir.resolve("backups-" + level);
            BackupSettings settings = BackupSettings.from(Config.of(Map.of(
                    "maintenance.backup.dir", backups.toString(), "maintenance.backup.compression-level", level)));
            t = System.nanoTime();
            Backups.Outcome o = new Backups(settings, Clock.systemUTC(), null).backup(List.of(BackupSource.sqlite(db, false)), () -> { }).get(0);
            double s = secs(t);
            if (!o.ok()) {
                throw new IllegalStateException(o.error());
            }
            report("maintenance.backup, gzip level " + level + " (online + compress + verify)", mb, s, o.backupBytes());
            o.phases().entrySet().forEach(e ->
                    System.out.printf(Locale.ROOT, "    %-58s %7.1f s  %7.1f MB/s%n", e.getKey(), e.getValue().toMillis() / 1000.0,
                            mb / (e.getValue().toMillis() / 1000.0)));
        }
    }

    private static void build(Path db, long targetBytes) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=OFF");
            s.execute("PRAGMA synchronous=OFF");
            s.execute("PRAGMA cache_size=-262144");
            s.execute("CREATE TABLE candles (id INTEGER PRIMARY KEY, symbol TEXT NOT NULL, interval TEXT NOT NULL, ts INTEGER NOT NULL, "
                    + "open REAL, high REAL, low REAL, close REAL, volume INTEGER)");
            long rows = 0;
            long chunk = 200_000;
            // The index added at the end makes up about 30% of the file.
            long tableTarget = (long) (targetBytes * 0.7);
            while (true) {
                // One big transaction per chunk: generated inside SQLite, no round trips.
                s.execute("BEGIN");
                s.execute("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + chunk + ") "
                        + "INSERT INTO candles (symbol, interval, ts, open, high, low, close, volume) "
                        + "SELECT 'NSE_EQ|INE' || printf('%06d', (" + rows + " + i) % 2000), '1minute', 1600000000000 + (" + rows + " + i) * 60000, "
                        + "1000 + (abs(random()) % 100000) / 100.0, 1000 + (abs(random()) % 100000) / 100.0, "
                        + "1000 + (abs(random()) % 100000) / 100.0, 1000 + (abs(random()) % 100000) / 100.0, abs(random()) % 1000000 FROM n");
                s.execute("COMMIT");
                rows += chunk;
                try (ResultSet rs = s.executeQuery("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()")) {
                    rs.next();
                    if (rs.getLong(1) >= tableTarget) {
                        break;
                    }
                }
            }
            s.execute("CREATE INDEX ix_candles_symbol_ts ON candles (symbol, ts)");
            s.execute("PRAGMA journal_mode=WAL");
        }
    }

    private static void fsync(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    private static void report(String what, double mb, double seconds, long outBytes) {
        System.out.printf(Locale.ROOT, "%-62s %7.1f s  %7.1f MB/s  output %7.1f MB%n", what, seconds, mb / seconds, outBytes / 1048576.0);
    }

    private static double secs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String arg(String[] args, String name, String def) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return def;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
