package io.tradingjobs.maintenance.backup;

import io.tradingjobs.maintenance.internal.SqliteFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Restores a backup written by {@code maintenance.backup}.
 *
 * <p>Command line (stop the application that uses the target first):
 * <pre>
 * java -cp 'app.jar:lib/*' io.tradingjobs.maintenance.backup.Restore [--force] &lt;backup&gt; &lt;target&gt;
 * java -cp 'app.jar:lib/*' io.tradingjobs.maintenance.backup.Restore --list &lt;backup-dir&gt;
 * </pre>
 * An SQLite backup ({@code .db.gz}) is restored to a file: it is decompressed beside the target,
 * checked with {@code PRAGMA integrity_check}, and moved over the target atomically (a stale
 * {@code -wal}/{@code -shm} of the old file is removed first). A target that is in use (its
 * {@code -wal} or {@code -shm} exists, or another connection holds a lock on it) is refused unless
 * {@code --force}. A PostgreSQL dump ({@code .dump}) is restored with {@code pg_restore} into the
 * database of a URL ({@code postgresql://user:pass@host:5432/db}); with {@code --force} existing
 * objects are dropped first ({@code --clean --if-exists}).
 *
 * <p>Exit codes: 0 restored, 1 failed, 2 usage error.
 */
public final class Restore {

    private Restore() {
    }

    /**
     * What a restore produced.
     *
     * @param target the restored file
     * @param bytes its size
     * @param rowCounts rows per table of the restored database
     */
    public record Result(Path target, long bytes, Map<String, Long> rowCounts) {
    }

    /** Thrown when a restore is refused or fails; the message says why and what to do. */
    public static final class RestoreException extends Exception {
        private static final long serialVersionUID = 1L;

        RestoreException(String message) {
            super(message);
        }

        RestoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Restores an SQLite backup to {@code target}.
     *
     * @param force replace the target even when it is in use
     * @throws RestoreException when the target is in use (without force), the backup is not an
     *     SQLite backup, or it fails its integrity check (then the target is untouched)
     */
    public static Result restoreSqlite(Path backup, Path target, boolean force) throws RestoreException {
        if (!Files.isRegularFile(backup)) {
            throw new RestoreException("the backup " + backup + " does not exist");
        }
        if (!backup.getFileName().toString().endsWith(".gz")) {
            throw new RestoreException("the backup " + backup + " is not an SQLite backup (.db.gz)");
        }
        Path t = target.toAbsolutePath().normalize();
        Optional<String> inUse = inUse(t);
        if (inUse.isPresent() && !force) {
            throw new RestoreException("the target " + t + " is in use (" + inUse.get() + "): stop the application that uses it "
                    + "and run again, or pass --force to replace it anyway");
        }
        Path tmp = t.resolveSibling("." + t.getFileName() + ".restoring");
        try {
            Files.createDirectories(t.getParent());
            List<String> problems = Backups.verify(backup, tmp);
            if (!problems.isEmpty()) {
                throw new RestoreException("the backup " + backup + " fails its integrity check (" + problems.get(0) + "); the target "
                        + t + " is untouched: choose an older backup");
            }
            Files.deleteIfExists(Path.of(t + "-wal"));
            Files.deleteIfExists(Path.of(t + "-shm"));
            Files.deleteIfExists(Path.of(t + "-journal"));
            Files.move(tmp, t, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            try (Connection c = SqliteFiles.open(t, 5_000)) {
                return new Result(t, Files.size(t), SqliteFiles.rowCounts(c));
            }
        } catch (IOException | SQLException e) {
            throw new RestoreException("restoring " + backup + " to " + t + " failed: " + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(tmp);
                Files.deleteIfExists(Path.of(tmp + "-journal"));
            } catch (IOException ignored) {
                // best effort
            }
        }
    }

    /** Why {@code target} counts as in use, if it does. */
    static Optional<String> inUse(Path target) {
        for (String suffix : List.of("-wal", "-shm")) {
            if (Files.exists(Path.of(target + suffix))) {
                return Optional.of(target.getFileName() + suffix + " exists beside it");
            }
        }
        if (!Files.exists(target)) {
            return Optional.empty();
        }
        try (Connection c = SqliteFiles.open(target, 0); Statement s = c.createStatement()) {
            s.execute("BEGIN EXCLUSIVE");
            s.execute("ROLLBACK");
            return Optional.empty();
        } catch (SQLException e) {
            return Optional.of("another connection holds a lock: " + e.getMessage());
        }
    }

    /**
     * Restores a pg_dump archive into the database of {@code url} with {@code pg_restore}.
     *
     * @param pgRestore pg_restore, a name on the PATH or a path
     * @param clean drop existing objects first
     */
    public static void restorePostgres(Path dump, String url, String pgRestore, boolean clean) throws RestoreException {
        Path tool = PgTools.find(pgRestore).orElseThrow(() -> new RestoreException(PgTools.missing("pg_restore",
                "--pg-restore", pgRestore)));
        PgTarget target = PgTarget.parse(url);
        List<String> cmd = new ArrayList<>(List.of(tool.toString(), "--no-password", "--no-owner", "--exit-on-error",
                "--dbname=" + target.database()));
        if (clean) {
            cmd.add("--clean");
            cmd.add("--if-exists");
        }
        cmd.add(dump.toString());
        try {
            Path log = Files.createTempFile("pg_restore", ".log");
            PgTools.run(cmd, target, Duration.ofHours(6), log);
        } catch (IOException e) {
            throw new RestoreException("restoring " + dump + " into " + target + " failed: " + e.getMessage()
                    + (clean ? "" : " (to replace existing objects pass --force)"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RestoreException("interrupted while restoring " + dump, e);
        }
    }

    /** The command line; see the class documentation. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The command line without exiting: returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        boolean force = false;
        String pgRestore = "pg_restore";
        List<String> positional = new ArrayList<>();
        boolean list = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--force": force = true; break;
                case "--list": list = true; break;
                case "--pg-restore":
                    if (i + 1 >= args.length) {
                        return usage(err, "--pg-restore needs a path");
                    }
                    pgRestore = args[++i];
                    break;
                default:
                    if (args[i].startsWith("--")) {
                        return usage(err, "unknown option " + args[i]);
                    }
                    positional.add(args[i]);
            }
        }
        try {
            if (list) {
                if (positional.size() != 1) {
                    return usage(err, "--list takes the backup directory");
                }
                for (BackupFile b : Backups.list(Path.of(positional.get(0)))) {
                    out.println(b.path().getFileName() + "\t" + b.time() + "\t" + Files.size(b.path()));
                }
                return 0;
            }
            if (positional.size() != 2) {
                return usage(err, "expected a backup and a target");
            }
            Path backup = Path.of(positional.get(0));
            if (backup.getFileName().toString().endsWith(".dump")) {
                restorePostgres(backup, positional.get(1), pgRestore, force);
                out.println("restored " + backup + " into " + PgTarget.parse(positional.get(1)));
            } else {
                Result r = restoreSqlite(backup, Path.of(positional.get(1)), force);
                out.println("restored " + backup + " to " + r.target() + " (" + SqliteFiles.human(r.bytes()) + ", " + r.rowCounts().size()
                        + " tables, " + r.rowCounts().values().stream().mapToLong(Long::longValue).sum() + " rows)");
            }
            return 0;
        } catch (RestoreException | IOException | IllegalArgumentException e) {
            err.println("restore failed: " + e.getMessage());
            return 1;
        }
    }

    private static int usage(PrintStream err, String problem) {
        err.println(problem);
        err.println("usage: Restore [--force] <backup.db.gz> <target.db>");
        err.println("       Restore [--force] [--pg-restore <path>] <backup.dump> <postgresql://user:pass@host:5432/db>");
        err.println("       Restore --list <backup-dir>");
        return 2;
    }
}
