package io.tradingjobs.maintenance.cleanup;

import io.tradingjobs.maintenance.internal.MaintenanceSettings;
import io.tradingjobs.maintenance.internal.Pruner;
import io.tradingjobs.maintenance.internal.RetentionRule;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The work of {@code maintenance.cleanup}: run history beyond {@code maintenance.retention.job_runs}
 * (default 90 days), notifications older than {@code maintenance.cleanup.notifications.archive-after}
 * (default 30 days) moved to {@code notification_archive}, log files older than
 * {@code maintenance.cleanup.log-retention} in {@code maintenance.cleanup.log-dirs}, and index
 * optimisation: {@code PRAGMA optimize} on SQLite; {@code VACUUM (ANALYZE)} of the library's
 * tables on PostgreSQL (as the BVMT seed's cleanup does), with {@code REINDEX TABLE CONCURRENTLY}
 * when {@code maintenance.cleanup.reindex=true}.
 */
public final class Cleanup {
    private static final List<String> LIBRARY_TABLES = List.of("job_runs", "notification_events", "notification_deliveries",
            "notification_archive");

    private final DSLContext dsl;
    private final MaintenanceSettings settings;
    private final Clock clock;
    private final Runnable checkCancelled;

    /** See the class documentation. */
    public Cleanup(DSLContext dsl, MaintenanceSettings settings, Clock clock, Runnable checkCancelled) {
        this.dsl = dsl;
        this.settings = settings;
        this.clock = clock;
        this.checkCancelled = checkCancelled;
    }

    /**
     * What a cleanup did.
     *
     * @param historyPruned job_runs rows deleted
     * @param notificationsArchived notifications moved to the archive
     * @param logFilesDeleted log files deleted
     * @param optimised what was done to the indexes
     */
    public record Report(long historyPruned, long notificationsArchived, int logFilesDeleted, String optimised) {
        /** The run's summary. */
        public String describe() {
            return "job history pruned " + historyPruned + ", notifications archived " + notificationsArchived + ", log files deleted "
                    + logFilesDeleted + ", " + optimised;
        }
    }

    /** Runs every step. */
    public Report run() throws IOException {
        Instant now = clock.instant();
        int batch = settings.integer("maintenance.database.prune-batch-size", 1, 1_000_000);
        List<RetentionRule> history = settings.retentionRules().stream().filter(r -> r.table().equals("job_runs")).toList();
        Map<String, Long> pruned = new Pruner(dsl, batch, checkCancelled).prune(history, now);
        checkCancelled.run();
        long archived = new NotificationArchiver(dsl, batch, checkCancelled)
                .archive(now.minus(settings.duration("maintenance.cleanup.notifications.archive-after")), now);
        checkCancelled.run();
        List<Path> logDirs = settings.config().list("maintenance.cleanup.log-dirs").stream().map(settings::resolve).toList();
        int logs = LogFiles.deleteOlder(logDirs, now.minus(settings.duration("maintenance.cleanup.log-retention")));
        checkCancelled.run();
        return new Report(pruned.getOrDefault("job_runs", 0L), archived, logs, optimise());
    }

    private String optimise() {
        if (dsl.dialect().family() == SQLDialect.SQLITE) {
            dsl.execute("PRAGMA optimize");
            return "PRAGMA optimize";
        }
        boolean reindex = settings.bool("maintenance.cleanup.reindex");
        List<String> done = new ArrayList<>();
        for (String t : LIBRARY_TABLES) {
            Integer exists = dsl.fetchOne("SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = ?", t).get(0, Integer.class);
            if (exists == null || exists == 0) {
                continue;
            }
            checkCancelled.run();
            dsl.execute("VACUUM (ANALYZE) " + dsl.render(DSL.name(t)));
            if (reindex) {
                dsl.execute("REINDEX TABLE CONCURRENTLY " + dsl.render(DSL.name(t)));
            }
            done.add(t);
        }
        return (reindex ? "VACUUM (ANALYZE) and REINDEX of " : "VACUUM (ANALYZE) of ") + String.join(", ", done);
    }
}
