package io.tradingjobs.maintenance;

import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.spi.JobDefinition;
import io.tradingjobs.core.spi.JobProvider;
import io.tradingjobs.maintenance.backup.BackupJob;
import io.tradingjobs.maintenance.cleanup.CleanupJob;
import io.tradingjobs.maintenance.database.DatabaseMaintenanceJob;
import io.tradingjobs.maintenance.internal.MaintenanceSettings;
import java.util.List;
import java.util.Map;

/**
 * The maintenance jobs: {@code maintenance.database} (integrity check, statistics, retention
 * pruning, WAL checkpoint, vacuum; weekly on Sunday at 02:00 as in the seed),
 * {@code maintenance.backup} (verified, compressed online backups with grandfather-father-son
 * retention; daily at 02:00) and {@code maintenance.cleanup} (history, notification archive, old
 * log files, index statistics; daily at 03:00 as in the BVMT seed).
 *
 * <p>Every setting and its default is in {@link #defaults()}; schedules follow
 * {@code jobs.timezone} and can be changed with {@code jobs.<id>.schedule}.
 */
public final class MaintenanceJobProvider implements JobProvider {

    /** Job id of the weekly database maintenance. */
    public static final String DATABASE = "maintenance.database";
    /** Job id of the daily backup. */
    public static final String BACKUP = "maintenance.backup";
    /** Job id of the daily cleanup. */
    public static final String CLEANUP = "maintenance.cleanup";

    @Override
    public String name() {
        return "maintenance";
    }

    @Override
    public List<ProvidedJob> jobs(Config config) {
        return List.of(
                JobProvider.job(JobDefinition.builder(DATABASE).name("Database maintenance")
                        .description("Integrity check, ANALYZE/optimize, retention pruning, WAL checkpoint and VACUUM "
                                + "(SQLite); VACUUM (ANALYZE) per table and optional REINDEX (PostgreSQL)")
                        .schedule("0 2 * * 0").build(), DatabaseMaintenanceJob.class),
                JobProvider.job(JobDefinition.builder(BACKUP).name("Database backup")
                        .description("Online, compressed and verified backups of the library's database and the listed "
                                + "SQLite files (pg_dump on PostgreSQL), keeping 7 daily, 4 weekly and 12 monthly")
                        .schedule("0 2 * * *").build(), BackupJob.class),
                JobProvider.job(JobDefinition.builder(CLEANUP).name("Database cleanup")
                        .description("Prunes old job history, archives old notifications, deletes old log files and "
                                + "refreshes index statistics")
                        .schedule("0 3 * * *").build(), CleanupJob.class));
    }

    @Override
    public List<String> migrations() {
        return List.of("classpath:db/tradingjobs/maintenance/common");
    }

    @Override
    public Map<String, String> defaults() {
        return MaintenanceSettings.DEFAULTS;
    }
}
