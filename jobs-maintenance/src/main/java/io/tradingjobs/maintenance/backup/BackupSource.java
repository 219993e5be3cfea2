package io.tradingjobs.maintenance.backup;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * Something to back up: an SQLite file or a PostgreSQL database.
 *
 * @param name names the backups, e.g. {@code market_data} for {@code market_data-20260208-020000.db.gz}
 * @param sqliteFile the SQLite file, or null
 * @param postgres the PostgreSQL database, or null
 * @param optional whether a missing SQLite file is skipped rather than an error (the seed's
 *     "{@code upstox.db} (if exists)")
 */
public record BackupSource(String name, Path sqliteFile, PgTarget postgres, boolean optional) {

    /** Validates. */
    public BackupSource {
        Objects.requireNonNull(name, "name");
        if (!name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("backup name '" + name + "' must be letters, digits, '.', '_' or '-'");
        }
        if ((sqliteFile == null) == (postgres == null)) {
            throw new IllegalArgumentException("a backup source is either an SQLite file or a PostgreSQL database");
        }
    }

    /** An SQLite file, named after the file without its extension ({@code cache/yahoo_cache.sqlite} is {@code yahoo_cache}). */
    public static BackupSource sqlite(Path file, boolean optional) {
        String fileName = file.getFileName().toString();
        int dot = fileName.lastIndexOf('.');
        String name = (dot > 0 ? fileName.substring(0, dot) : fileName).replaceAll("[^A-Za-z0-9._-]", "_");
        return new BackupSource(name, file.toAbsolutePath().normalize(), null, optional);
    }

    /** A PostgreSQL database (one schema when the target names one). */
    public static BackupSource postgres(PgTarget target) {
        return new BackupSource(target.backupName().replaceAll("[^A-Za-z0-9._-]", "_").toLowerCase(Locale.ROOT), null, target, false);
    }

    /** The same source under another name. */
    public BackupSource named(String value) {
        return new BackupSource(value, sqliteFile, postgres, optional);
    }
}
