package io.tradingjobs.maintenance.backup;

import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.notify.Notifier;
import io.tradingjobs.core.spi.Job;
import io.tradingjobs.core.spi.JobContext;
import io.tradingjobs.core.spi.NonRetryableException;
import io.tradingjobs.maintenance.internal.MaintenanceSettings;
import io.tradingjobs.maintenance.internal.MaintenanceWindow;
import io.tradingjobs.maintenance.internal.SqliteFiles;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;

/**
 * {@code maintenance.backup}: backs up the library's database (SQLite online copy, or pg_dump on
 * PostgreSQL) and the SQLite files listed in {@code maintenance.backup.files}, see {@link Backups}.
 * The run's summary lists each backup with its size and what retention deleted; the run fails
 * when any source failed (after trying all of them).
 */
public final class BackupJob implements Job {

    private final DSLContext dsl;
    private final Notifier notifier;

    /** Created by Guice for each run. */
    @Inject
    public BackupJob(DSLContext dsl, Notifier notifier) {
        this.dsl = dsl;
        this.notifier = notifier;
    }

    @Override
    public void run(JobContext context) throws Exception {
        MaintenanceSettings settings = new MaintenanceSettings(context.config());
        List<BackupSource> sources = sources(dsl, settings);
        if (sources.isEmpty()) {
            context.skip("nothing to back up: maintenance.backup.include-database=false and maintenance.backup.files is empty");
        }
        Backups backups = new Backups(BackupSettings.from(settings), context.clock(), notifier);
        List<Backups.Outcome> outcomes;
        AutoCloseable window = MaintenanceWindow.enter();
        try {
            outcomes = backups.backup(sources, context::checkCancelled);
        } finally {
            window.close();
        }
        String summary = outcomes.stream().map(Backups.Outcome::describe).collect(Collectors.joining("; "));
        context.summary(summary.length() > 3900 ? summary.substring(0, 3900) + "..." : summary);
        List<Backups.Outcome> failed = outcomes.stream().filter(o -> !o.ok()).toList();
        if (!failed.isEmpty()) {
            String message = failed.size() + " of " + outcomes.size() + " backups failed: "
                    + failed.stream().map(Backups.Outcome::describe).collect(Collectors.joining("; "));
            if (failed.stream().allMatch(Backups.Outcome::corruptSource)) {
                throw new NonRetryableException(message);
            }
            throw new IllegalStateException(message);
        }
    }

    /** The library's database (unless excluded) and the listed files, with distinct names. */
    static List<BackupSource> sources(DSLContext dsl, MaintenanceSettings settings) {
        List<BackupSource> sources = new ArrayList<>();
        if (settings.bool("maintenance.backup.include-database")) {
            if (dsl.dialect().family() == SQLDialect.SQLITE) {
                SqliteFiles.mainFile(dsl).ifPresent(f -> sources.add(BackupSource.sqlite(f, false)));
            } else {
                sources.add(BackupSource.postgres(postgresTarget(dsl, settings.config())));
            }
        }
        for (Path file : settings.backupFiles()) {
            if (sources.stream().noneMatch(s -> file.equals(s.sqliteFile()))) {
                sources.add(BackupSource.sqlite(file, true));
            }
        }
        Set<String> names = new HashSet<>();
        List<BackupSource> distinct = new ArrayList<>();
        for (BackupSource s : sources) {
            BackupSource named = s;
            if (!names.add(s.name()) && s.sqliteFile() != null) {
                named = s.named(s.sqliteFile().getParent().getFileName() + "_" + s.name());
                names.add(named.name());
            }
            distinct.add(named);
        }
        return distinct;
    }

    /**
     * The library's PostgreSQL database: {@code jobs.database.url} when it is a PostgreSQL URL
     * (with its credentials), else the connection's own URL and user (a host data source).
     */
    static PgTarget postgresTarget(DSLContext dsl, Config config) {
        String url = config.get("jobs.database.url").orElse("");
        if (url.toLowerCase(Locale.ROOT).contains("postgres")) {
            return PgTarget.parse(url);
        }
        return dsl.connectionResult(c -> {
            PgTarget t = PgTarget.parse(c.getMetaData().getURL());
            String schema = t.schema() != null ? t.schema() : c.getSchema();
            return new PgTarget(t.host(), t.port(), t.database(), c.getMetaData().getUserName(), t.password(),
                    "public".equals(schema) ? null : schema);
        });
    }
}
