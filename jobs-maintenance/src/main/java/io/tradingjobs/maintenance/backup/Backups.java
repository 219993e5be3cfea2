package io.tradingjobs.maintenance.backup;

import io.tradingjobs.core.notify.Notification;
import io.tradingjobs.core.notify.Notifier;
import io.tradingjobs.maintenance.internal.SqliteFiles;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConnection;

/**
 * Takes verified backups and applies the retention policy.
 *
 * <p>An SQLite file is copied online with SQLite's own mechanism (the backup API in one step, or
 * {@code VACUUM INTO}): one read transaction, so the copy is a consistent snapshot while other
 * connections keep writing (in WAL mode they are never blocked). The copy is gzip-compressed to a
 * hidden {@code .part} file, which is decompressed again to a temporary file and checked with
 * {@code PRAGMA integrity_check}; only then is it moved atomically to its final name
 * {@code <name>-yyyyMMdd-HHmmss.db.gz}. Any failure removes the partial and temporary files and
 * leaves older backups alone; retention runs only after a source's backup succeeded. A copy that
 * fails its check means the source is corrupt: an alert ({@code maintenance.backup.corrupt-source:...})
 * goes out and no backup is written.
 *
 * <p>PostgreSQL is dumped with {@code pg_dump --format=custom} and verified with
 * {@code pg_restore --list}.
 *
 * <p>Backups into one directory are serialised by {@link BackupLock}: a second run waits for the
 * first. Instances are stateless apart from their settings and may be shared.
 */
public final class Backups {
    private static final Logger LOG = LoggerFactory.getLogger(Backups.class);
    private static final int BUFFER = 1 << 20;

    /** Opens the file a compressed backup is written to; replaced in tests to simulate a full disk. */
    interface Sink {
        OutputStream open(Path file) throws IOException;
    }

    /** Called when the directory lock is taken and released; for tests and metrics. */
    public interface LockListener {
        /** The lock was taken. */
        void acquired();

        /** The lock is about to be released. */
        void releasing();
    }

    private final BackupSettings settings;
    private final Clock clock;
    private final Notifier notifier;
    private final Sink sink;
    private volatile LockListener lockListener = new LockListener() {
        @Override
        public void acquired() {
        }

        @Override
        public void releasing() {
        }
    };

    /**
     * @param settings where and how
     * @param clock names backups and drives retention
     * @param notifier alerts (a corrupt source); may be null to only log
     */
    public Backups(BackupSettings settings, Clock clock, Notifier notifier) {
        this(settings, clock, notifier, file -> Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE));
    }

    Backups(BackupSettings settings, Clock clock, Notifier notifier, Sink sink) {
        this.settings = settings;
        this.clock = clock;
        this.notifier = notifier;
        this.sink = sink;
    }

    /** Observes the directory lock. */
    public Backups onLock(LockListener listener) {
        this.lockListener = listener;
        return this;
    }

    /**
     * What happened to one source.
     *
     * @param source the source
     * @param backup the new backup, if one was written
     * @param sourceBytes size of the source (SQLite: file plus WAL), 0 for PostgreSQL
     * @param backupBytes size of the backup file
     * @param took how long it took
     * @param deleted backups deleted by retention
     * @param kept backups kept by retention
     * @param skipped why nothing was done, for an optional source that does not exist; else null
     * @param error what failed, or null
     * @param corruptSource whether the failure is a corrupt source
     * @param phases how long each step took ({@code copy}, {@code compress}, {@code verify}; {@code dump} for PostgreSQL)
     */
    public record Outcome(BackupSource source, Optional<BackupFile> backup, long sourceBytes, long backupBytes, Duration took,
                          List<Path> deleted, int kept, String skipped, String error, boolean corruptSource, Map<String, Duration> phases) {
        /** Whether the backup was written (or legitimately skipped). */
        public boolean ok() {
            return error == null;
        }

        /** One line for the run's summary. */
        public String describe() {
            if (skipped != null) {
                return source.name() + ": skipped (" + skipped + ")";
            }
            if (error != null) {
                return source.name() + ": FAILED (" + error + ")";
            }
            return source.name() + ": " + backup.map(b -> b.path().getFileName().toString()).orElse("?") + " "
                    + (sourceBytes > 0 ? SqliteFiles.human(sourceBytes) + " -> " : "") + SqliteFiles.human(backupBytes) + " in "
                    + took.toMillis() + " ms, retention kept " + kept + " deleted " + deleted.size();
        }
    }

    /**
     * Backs up every source in turn under the directory's lock; a failing source does not stop
     * the others.
     *
     * @param checkCancelled called between steps; throws to stop
     * @return one outcome per source
     * @throws IOException when the backup directory cannot be created or locked (nothing was written)
     * @throws InterruptedException when interrupted while waiting for the lock
     */
    public List<Outcome> backup(List<BackupSource> sources, Runnable checkCancelled) throws IOException, InterruptedException {
        Path dir = prepareDirectory();
        List<Outcome> outcomes = new ArrayList<>();
        BackupLock lock = BackupLock.acquire(dir);
        try {
            lockListener.acquired();
            try {
                removeLeftovers(dir);
                for (BackupSource source : sources) {
                    checkCancelled.run();
                    outcomes.add(source.sqliteFile() != null ? backupSqlite(dir, source) : backupPostgres(dir, source));
                }
            } finally {
                lockListener.releasing();
            }
        } finally {
            lock.close();
        }
        return outcomes;
    }

    private Path prepareDirectory() throws IOException {
        Path dir = settings.dir().toAbsolutePath().normalize();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new IOException("the backup directory " + dir + " is not a directory (a file has that name): remove or rename "
                    + "the file, or set maintenance.backup.dir to a directory");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IOException("cannot create the backup directory " + dir + " (" + e + "): create it with write permission "
                    + "for this process, or set maintenance.backup.dir", e);
        }
        if (!Files.isWritable(dir)) {
            throw new IOException("the backup directory " + dir + " is not writable by this process: fix its permissions or set "
                    + "maintenance.backup.dir");
        }
        return dir.toRealPath(); // one lock per directory, however it is spelled
    }

    private static final java.util.regex.Pattern LEFTOVER = java.util.regex.Pattern.compile(
            "\\..+-\\d{8}-\\d{6}(-\\d+)?\\.(copy\\.db|db\\.gz\\.part|verify\\.db|dump\\.part|dump\\.log)(-journal)?");

    /** Temporary files of a backup cut off by a crash or power loss (we hold the lock, so none is in progress). */
    private static void removeLeftovers(Path dir) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (LEFTOVER.matcher(p.getFileName().toString()).matches()) {
                    LOG.warn("removing {} left by an interrupted backup", p);
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private Outcome backupSqlite(Path dir, BackupSource source) {
        long start = System.nanoTime();
        Path file = source.sqliteFile();
        if (!Files.isRegularFile(file)) {
            if (source.optional()) {
                return new Outcome(source, Optional.empty(), 0, 0, Duration.ZERO, List.of(), 0, file + " does not exist", null, false, Map.of());
            }
            return failed(source, start, "the database file " + file + " does not exist", false);
        }
        long sourceBytes = SqliteFiles.sizeOnDisk(file);
        Instant now = clock.instant();
        String finalName = freeName(dir, source.name(), now, BackupFile.Kind.SQLITE);
        String stem = "." + finalName.substring(0, finalName.length() - BackupFile.Kind.SQLITE.extension().length());
        Path copy = dir.resolve(stem + ".copy.db");
        Path part = dir.resolve(stem + ".db.gz.part");
        Path verify = dir.resolve(stem + ".verify.db");
        Map<String, Duration> phases = new LinkedHashMap<>();
        try {
            long t = System.nanoTime();
            onlineCopy(file, copy, settings.method());
            phases.put("copy", since(t));
            t = System.nanoTime();
            compress(copy, part);
            Files.delete(copy);
            phases.put("compress", since(t));
            t = System.nanoTime();
            List<String> problems = verify(part, verify, settings.quickVerify());
            phases.put("verify", since(t));
            if (!problems.isEmpty()) {
                alertCorrupt(source, now, problems);
                return failed(source, start, "the source database is corrupt, no backup written: " + String.join("; ",
                        problems.subList(0, Math.min(3, problems.size()))), true);
            }
            Path target = dir.resolve(finalName);
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            BackupFile written = BackupFile.parse(target).orElseThrow();
            Retained r = applyRetention(dir, source.name(), BackupFile.Kind.SQLITE);
            Outcome o = new Outcome(source, Optional.of(written), sourceBytes, Files.size(target), since(start), r.deleted, r.kept, null,
                    null, false, java.util.Collections.unmodifiableMap(phases));
            LOG.info("backup {}", o.describe());
            return o;
        } catch (SQLException e) {
            if (SqliteFiles.isCorruption(e)) {
                alertCorrupt(source, now, List.of(String.valueOf(e.getMessage())));
                return failed(source, start, "the source database " + file + " is corrupt, no backup written: " + e.getMessage(), true);
            }
            return failed(source, start, "SQLite could not copy " + file + ": " + e.getMessage(), false);
        } catch (IOException e) {
            return failed(source, start, "could not write the backup of " + file + " to " + dir + " (" + e
                    + "); is the disk full or the directory read-only? The partial file was removed and older backups are untouched", false);
        } finally {
            deleteQuietly(copy, part, verify, Path.of(verify + "-journal"), Path.of(copy + "-journal"));
        }
    }

    private Outcome backupPostgres(Path dir, BackupSource source) {
        long start = System.nanoTime();
        Optional<Path> pgDump = PgTools.find(settings.pgDump());
        if (pgDump.isEmpty()) {
            return failed(source, start, PgTools.missing("pg_dump", "maintenance.backup.pg-dump", settings.pgDump()), false);
        }
        Instant now = clock.instant();
        String finalName = freeName(dir, source.name(), now, BackupFile.Kind.POSTGRESQL);
        String stem = "." + finalName;
        Path part = dir.resolve(stem + ".part");
        Path log = dir.resolve(stem + ".log");
        PgTarget pg = source.postgres();
        try {
            List<String> cmd = new ArrayList<>(List.of(pgDump.get().toString(), "--format=custom", "--no-password", "--file=" + part));
            if (pg.schema() != null) {
                cmd.add("--schema=" + pg.schema());
            }
            PgTools.run(cmd, pg, settings.pgTimeout(), log);
            Optional<Path> pgRestore = PgTools.find(settings.pgRestore());
            if (pgRestore.isPresent()) {
                PgTools.run(List.of(pgRestore.get().toString(), "--list", part.toString()), pg, Duration.ofMinutes(10), log);
            } else {
                LOG.warn("{}; the dump {} is not verified", PgTools.missing("pg_restore", "maintenance.backup.pg-restore", settings.pgRestore()),
                        finalName);
            }
            Path target = dir.resolve(finalName);
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            Retained r = applyRetention(dir, source.name(), BackupFile.Kind.POSTGRESQL);
            Outcome o = new Outcome(source, BackupFile.parse(target), 0, Files.size(target), since(start), r.deleted, r.kept, null, null, false,
                    Map.of("dump", since(start)));
            LOG.info("backup {}", o.describe());
            return o;
        } catch (IOException e) {
            return failed(source, start, e.getMessage(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(source, start, "interrupted", false);
        } finally {
            deleteQuietly(part, log);
        }
    }

    /**
     * Copies a live SQLite file with SQLite's own online mechanism into {@code copy} (replaced if
     * present), a self-contained file in rollback-journal mode. Other connections may keep
     * writing; the copy is the state of one read transaction.
     *
     * @throws SQLException when SQLite cannot read the source (a corrupt source among others)
     */
    public static void onlineCopy(Path source, Path copy, BackupSettings.Method method) throws SQLException, IOException {
        Files.deleteIfExists(copy);
        try (Connection c = SqliteFiles.open(source, 30_000)) {
            if (method == BackupSettings.Method.VACUUM_INTO) {
                try (Statement s = c.createStatement()) {
                    s.execute("VACUUM INTO '" + copy.toString().replace("'", "''") + "'");
                }
            } else {
                // All pages in one step: one read transaction, so concurrent commits cannot restart it.
                int rc = c.unwrap(SQLiteConnection.class).getDatabase().backup("main", copy.toString(), null, 100, 300, -1);
                if (rc != 0) {
                    throw new SQLException("the SQLite backup API returned error code " + rc + " copying " + source);
                }
            }
        }
        // A self-contained file: no WAL beside it when it is opened later.
        try (Connection c = SqliteFiles.open(copy, 5_000); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=DELETE");
        }
    }

    private void compress(Path from, Path to) throws IOException {
        byte[] buf = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(from);
             OutputStream out = new LevelGzip(new BufferedOutputStream(sink.open(to), BUFFER), settings.compressionLevel())) {
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
            }
        }
        try (FileChannel ch = FileChannel.open(to, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** Decompresses {@code gz} to {@code to} and runs {@code PRAGMA integrity_check}; the problems found, empty when sound. */
    static List<String> verify(Path gz, Path to) throws IOException, SQLException {
        return verify(gz, to, false);
    }

    static List<String> verify(Path gz, Path to, boolean quick) throws IOException, SQLException {
        decompress(gz, to);
        try (Connection c = SqliteFiles.open(to, 5_000)) {
            return SqliteFiles.integrityProblems(c, quick);
        }
    }

    static void decompress(Path gz, Path to) throws IOException {
        Files.deleteIfExists(to);
        byte[] buf = new byte[BUFFER];
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz), BUFFER);
             OutputStream out = Files.newOutputStream(to, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
            }
        }
    }

    private record Retained(List<Path> deleted, int kept) {
    }

    private Retained applyRetention(Path dir, String name, BackupFile.Kind kind) throws IOException {
        // Oldest first: on equal times the later input (the higher sequence) counts as newer.
        List<BackupFile> all = new ArrayList<>(list(dir).stream().filter(b -> b.name().equals(name) && b.kind() == kind).toList());
        java.util.Collections.reverse(all);
        GfsRetention.Plan<BackupFile> plan = settings.retention().plan(all, BackupFile::time, clock.instant());
        List<Path> deleted = new ArrayList<>();
        for (BackupFile b : plan.delete()) {
            try {
                Files.deleteIfExists(b.path());
                deleted.add(b.path());
            } catch (IOException e) {
                LOG.warn("retention: could not delete {}: {}", b.path(), e.toString());
            }
        }
        return new Retained(deleted, plan.keep().size());
    }

    /** The backups in {@code dir}, newest first; other files are ignored. */
    public static List<BackupFile> list(Path dir) throws IOException {
        List<BackupFile> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
            for (Path p : ds) {
                if (Files.isRegularFile(p)) {
                    BackupFile.parse(p).ifPresent(out::add);
                }
            }
        }
        out.sort(BackupFile.NEWEST_FIRST);
        return out;
    }

    private static String freeName(Path dir, String name, Instant now, BackupFile.Kind kind) {
        for (int seq = 1; ; seq++) {
            String n = BackupFile.fileName(name, now, seq, kind);
            if (!Files.exists(dir.resolve(n))) {
                return n;
            }
        }
    }

    private void alertCorrupt(BackupSource source, Instant now, List<String> problems) {
        String stamp = BackupFile.STAMP.format(LocalDateTime.ofInstant(now, ZoneOffset.UTC));
        String body = "maintenance.backup refused to back up " + (source.sqliteFile() != null ? source.sqliteFile() : source.name())
                + ": SQLite reports it is corrupt.\n\n" + String.join("\n", problems.subList(0, Math.min(20, problems.size())))
                + "\n\nNo backup was written and the older backups in " + settings.dir() + " are untouched. Stop the writers, "
                + "inspect the file (sqlite3 <file> 'PRAGMA integrity_check'), and restore the newest good backup with "
                + "io.tradingjobs.maintenance.backup.Restore.";
        LOG.error("backup of {} refused: the source is corrupt: {}", source.name(), problems);
        if (notifier != null) {
            try {
                notifier.notify(Notification.of("maintenance.backup.corrupt-source:" + source.name() + ":" + stamp,
                        Notification.Severity.CRITICAL, "Backup of " + source.name() + " refused: the source database is corrupt", body));
            } catch (RuntimeException e) {
                LOG.error("could not store the corrupt-source alert for {}: {}", source.name(), e.toString());
            }
        }
    }

    private static Outcome failed(BackupSource source, long start, String error, boolean corrupt) {
        LOG.error("backup of {} failed: {}", source.name(), error);
        return new Outcome(source, Optional.empty(), 0, 0, since(start), List.of(), 0, null, error, corrupt, Map.of());
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static void deleteQuietly(Path... paths) {
        for (Path p : paths) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.warn("could not delete the temporary file {}: {}", p, e.toString());
            }
        }
    }

    /** gzip at a chosen level. */
    private static final class LevelGzip extends GZIPOutputStream {
        LevelGzip(OutputStream out, int level) throws IOException {
            super(out, BUFFER);
            def.setLevel(level == 0 ? Deflater.DEFAULT_COMPRESSION : level);
        }
    }
}
