package io.tradingjobs.maintenance.backup;

import io.tradingjobs.core.config.ConfigException;
import io.tradingjobs.maintenance.internal.MaintenanceSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Locale;

/**
 * How backups are taken.
 *
 * @param dir the backup directory ({@code maintenance.backup.dir}, default {@code ./backups})
 * @param method how SQLite files are copied online ({@code maintenance.backup.method})
 * @param compressionLevel gzip level 1 (fastest, the default: about twice as fast as 6 for a few percent more bytes) to 9 (smallest) ({@code maintenance.backup.compression-level})
 * @param retention the GFS policy ({@code maintenance.backup.keep-daily|keep-weekly|keep-monthly})
 * @param pgDump pg_dump, a name on the PATH or a path ({@code maintenance.backup.pg-dump})
 * @param pgRestore pg_restore, used to verify dumps ({@code maintenance.backup.pg-restore})
 * @param pgTimeout the longest a pg_dump may take ({@code maintenance.backup.pg-dump-timeout})
 * @param quickVerify check each backup with {@code PRAGMA quick_check} instead of {@code integrity_check}
 *     ({@code maintenance.backup.verify=quick}; default {@code integrity}): faster on big files, but it does not
 *     compare indexes with their tables
 */
public record BackupSettings(Path dir, Method method, int compressionLevel, GfsRetention retention, String pgDump, String pgRestore,
                             Duration pgTimeout, boolean quickVerify) {

    /** How an SQLite file is copied while it is in use. */
    public enum Method {
        /** SQLite's online backup API, all pages in one step (one read transaction: a consistent snapshot). */
        BACKUP_API,
        /** {@code VACUUM INTO}: a compacted copy, also from one read transaction; slower, smaller. */
        VACUUM_INTO
    }

    /**
     * Reads the {@code maintenance.backup.*} settings of {@code config}, defaults underneath.
     *
     * @throws ConfigException naming the key and the bad value
     */
    public static BackupSettings from(io.tradingjobs.core.config.Config config) {
        return from(new MaintenanceSettings(config));
    }

    /** Reads the settings; throws {@link ConfigException} with the bad value. */
    public static BackupSettings from(MaintenanceSettings s) {
        String m = s.string("maintenance.backup.method").toLowerCase(Locale.ROOT);
        Method method;
        switch (m) {
            case "backup-api": method = Method.BACKUP_API; break;
            case "vacuum-into": method = Method.VACUUM_INTO; break;
            default: throw new ConfigException("maintenance.backup.method", m, "is not a backup method; use backup-api or vacuum-into");
        }
        GfsRetention gfs = new GfsRetention(s.integer("maintenance.backup.keep-daily", 0, 10_000),
                s.integer("maintenance.backup.keep-weekly", 0, 10_000), s.integer("maintenance.backup.keep-monthly", 0, 10_000),
                ZoneId.of("UTC"));
        String verify = s.string("maintenance.backup.verify").toLowerCase(Locale.ROOT);
        if (!verify.equals("integrity") && !verify.equals("quick")) {
            throw new ConfigException("maintenance.backup.verify", verify, "is not a check; use integrity or quick");
        }
        return new BackupSettings(s.backupDir(), method, s.integer("maintenance.backup.compression-level", 1, 9), gfs,
                s.string("maintenance.backup.pg-dump"), s.string("maintenance.backup.pg-restore"),
                s.duration("maintenance.backup.pg-dump-timeout"), verify.equals("quick"));
    }

    /** A copy with another directory. */
    public BackupSettings withDir(Path value) {
        return new BackupSettings(value, method, compressionLevel, retention, pgDump, pgRestore, pgTimeout, quickVerify);
    }

    /** A copy with another method. */
    public BackupSettings withMethod(Method value) {
        return new BackupSettings(dir, value, compressionLevel, retention, pgDump, pgRestore, pgTimeout, quickVerify);
    }
}
