package io.tradingjobs.maintenance.database;

import io.tradingjobs.core.notify.Notification;
import io.tradingjobs.core.notify.Notifier;
import io.tradingjobs.maintenance.internal.MaintenanceSettings;
import io.tradingjobs.maintenance.internal.Pruner;
import io.tradingjobs.maintenance.internal.RetentionRule;
import io.tradingjobs.maintenance.internal.SqliteFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work of {@code maintenance.database}.
 *
 * <p>SQLite, in this order: {@code PRAGMA integrity_check} (a failure raises the alert
 * {@code maintenance.database.integrity-failed:<file>:<date>} and stops everything else, so a
 * damaged file is not rewritten), retention pruning in small batches, {@code ANALYZE} and
 * {@code PRAGMA optimize}, {@code VACUUM} when free pages exceed
 * {@code maintenance.database.vacuum-free-percent} of the file ({@code PRAGMA incremental_vacuum}
 * instead when the file uses {@code auto_vacuum=INCREMENTAL}), and a {@code wal_checkpoint(TRUNCATE)}.
 * A full VACUUM holds SQLite's write lock while it runs: writers wait (up to their busy timeout).
 * The files of {@code maintenance.database.files} get the same treatment without pruning.
 *
 * <p>PostgreSQL: retention pruning, then {@code VACUUM (ANALYZE)} per table of the current schema,
 * each outside a transaction, and {@code REINDEX TABLE CONCURRENTLY} when
 * {@code maintenance.database.reindex=true}.
 */
public final class DatabaseMaintenance {
    private static final Logger LOG = LoggerFactory.getLogger(DatabaseMaintenance.class);

    private final DSLContext dsl;
    private final MaintenanceSettings settings;
    private final Clock clock;
    private final Notifier notifier;
    private final Runnable checkCancelled;

    /**
     * @param dsl the library's database
     * @param settings the settings
     * @param clock the clock retention counts from
     * @param notifier receives the integrity alert; may be null to only log
     * @param checkCancelled called between steps; throws to stop
     */
    public DatabaseMaintenance(DSLContext dsl, MaintenanceSettings settings, Clock clock, Notifier notifier, Runnable checkCancelled) {
        this.dsl = dsl;
        this.settings = settings;
        this.clock = clock;
        this.notifier = notifier;
        this.checkCancelled = checkCancelled;
    }

    /**
     * What a run did to one database.
     *
     * @param database the file, or the PostgreSQL schema
     * @param integrity "ok", the first problems found, or "not checked"
     * @param pruned rows deleted per table
     * @param steps what else was done, in order
     * @param bytesBefore size before
     * @param bytesAfter size after
     */
    public record Report(String database, String integrity, Map<String, Long> pruned, List<String> steps, long bytesBefore, long bytesAfter) {
        /** Whether the integrity check passed (or was not applicable). */
        public boolean healthy() {
            return !integrity.startsWith("FAILED");
        }

        /** One line for the run's summary. */
        public String describe() {
            StringBuilder sb = new StringBuilder(database).append(": integrity ").append(integrity);
            if (!pruned.isEmpty()) {
                sb.append(", pruned ");
                pruned.forEach((t, n) -> sb.append(t).append('=').append(n).append(' '));
                sb.setLength(sb.length() - 1);
            }
            if (!steps.isEmpty()) {
                sb.append(", ").append(String.join(", ", steps));
            }
            return sb.append(", ").append(SqliteFiles.human(bytesBefore)).append(" -> ").append(SqliteFiles.human(bytesAfter)).toString();
        }
    }

    /** Maintains the library's database, then the listed SQLite files; stops at the first integrity failure. */
    public List<Report> run() throws SQLException {
        List<Report> reports = new ArrayList<>();
        if (dsl.dialect().family() == SQLDialect.SQLITE) {
            Path file = SqliteFiles.mainFile(dsl).orElseThrow(() -> new IllegalStateException("the library's SQLite database has no file"));
            reports.add(sqlite(file, true));
        } else {
            reports.add(postgres());
        }
        for (Path f : settings.databaseFiles()) {
            if (!reports.get(reports.size() - 1).healthy()) {
                break;
            }
            checkCancelled.run();
            if (Files.isRegularFile(f)) {
                reports.add(sqlite(f, false));
            } else {
                LOG.info("database maintenance: {} does not exist, skipped", f);
            }
        }
        return reports;
    }

    private Report sqlite(Path file, boolean libraryDatabase) throws SQLException {
        long before = SqliteFiles.sizeOnDisk(file);
        List<String> steps = new ArrayList<>();
        Map<String, Long> pruned = new LinkedHashMap<>();
        boolean quick = settings.string("maintenance.database.integrity-check").toLowerCase(Locale.ROOT).equals("quick");
        try (Connection c = SqliteFiles.open(file, 60_000); Statement s = c.createStatement()) {
            List<String> problems;
            try {
                problems = SqliteFiles.integrityProblems(c, quick);
            } catch (SQLException e) {
                if (!SqliteFiles.isCorruption(e)) {
                    throw e;
                }
                problems = List.of(String.valueOf(e.getMessage()));
            }
            if (!problems.isEmpty()) {
                alert(file, problems);
                return new Report(file.toString(), "FAILED: " + String.join("; ", problems.subList(0, Math.min(3, problems.size()))),
                        pruned, List.of("stopped"), before, SqliteFiles.sizeOnDisk(file));
            }
            checkCancelled.run();
            if (libraryDatabase) {
                pruned.putAll(prune());
            }
            checkCancelled.run();
            s.execute("ANALYZE");
            s.execute("PRAGMA optimize");
            steps.add("analyzed");
            long pageCount = longPragma(s, "page_count");
            long free = longPragma(s, "freelist_count");
            long autoVacuum = longPragma(s, "auto_vacuum");
            int percent = settings.integer("maintenance.database.vacuum-free-percent", 0, 100);
            if (free > 0 && pageCount > 0 && free * 100 >= (long) percent * pageCount) {
                checkCancelled.run();
                if (autoVacuum == 2) {
                    s.execute("PRAGMA incremental_vacuum");
                    steps.add("incremental vacuum of " + free + " free pages");
                } else {
                    s.execute("VACUUM");
                    steps.add("vacuumed (" + free + " of " + pageCount + " pages free)");
                }
            }
            try (var rs = s.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                rs.next();
                steps.add(rs.getInt(1) == 0 ? "WAL checkpointed" : "WAL checkpoint partial (busy)");
            }
        }
        return new Report(file.toString(), quick ? "ok (quick)" : "ok", pruned, steps, before, SqliteFiles.sizeOnDisk(file));
    }

    private Report postgres() {
        String schema = dsl.fetchOne("SELECT current_schema()").get(0, String.class);
        long before = schemaBytes();
        Map<String, Long> pruned = prune();
        List<String> tables = dsl.fetch("SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")
                .getValues(0, String.class);
        boolean reindex = settings.bool("maintenance.database.reindex");
        for (String t : tables) {
            checkCancelled.run();
            // VACUUM cannot run in a transaction block: jOOQ's plain execute runs in auto-commit.
            dsl.execute("VACUUM (ANALYZE) " + dsl.render(DSL.name(t)));
            if (reindex) {
                dsl.execute("REINDEX TABLE CONCURRENTLY " + dsl.render(DSL.name(t)));
            }
        }
        List<String> steps = new ArrayList<>();
        steps.add("VACUUM (ANALYZE) of " + tables.size() + " tables");
        if (reindex) {
            steps.add("reindexed " + tables.size() + " tables");
        }
        return new Report("PostgreSQL schema " + schema, "not checked (PostgreSQL)", pruned, steps, before, schemaBytes());
    }

    private long schemaBytes() {
        Long v = dsl.fetchOne("SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0)::bigint FROM pg_class c "
                + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'm')").get(0, Long.class);
        return v == null ? 0 : v;
    }

    /** Retention pruning of the library's database. */
    public Map<String, Long> prune() {
        List<RetentionRule> rules = settings.retentionRules();
        return new Pruner(dsl, settings.integer("maintenance.database.prune-batch-size", 1, 1_000_000), checkCancelled)
                .prune(rules, clock.instant());
    }

    private static long longPragma(Statement s, String pragma) throws SQLException {
        try (var rs = s.executeQuery("PRAGMA " + pragma)) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    private void alert(Path file, List<String> problems) {
        LOG.error("integrity check of {} failed: {}", file, problems);
        if (notifier == null) {
            return;
        }
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String key = "maintenance.database.integrity-failed:" + file.getFileName() + ":" + day;
        String body = "PRAGMA integrity_check of " + file + " reported:\n\n" + String.join("\n", problems.subList(0, Math.min(20, problems.size())))
                + "\n\nThe rest of the maintenance (pruning, VACUUM) was not run. Stop the writers, keep a copy of the file, "
                + "and restore the newest good backup with io.tradingjobs.maintenance.backup.Restore.";
        notifier.notify(Notification.of(key, Notification.Severity.CRITICAL, "Database " + file.getFileName() + " failed its integrity check", body));
    }

    /** Human form of a report list. */
    static String describe(List<Report> reports) {
        return String.join("; ", reports.stream().map(Report::describe).toList());
    }

    /** The first failed report, if any. */
    static Optional<Report> failure(List<Report> reports) {
        return reports.stream().filter(r -> !r.healthy()).findFirst();
    }
}
