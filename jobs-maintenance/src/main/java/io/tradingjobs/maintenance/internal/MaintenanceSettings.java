package io.tradingjobs.maintenance.internal;

import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.config.ConfigException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The maintenance module's settings, read from the library's {@link Config} with the defaults of
 * {@link #DEFAULTS} underneath (so a bare {@code Config.of(...)} in a test behaves as a configured
 * scheduler does).
 */
public final class MaintenanceSettings {

    /** Every setting of the module with its default (blank means "not set"). */
    public static final Map<String, String> DEFAULTS = defaults();

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        // Where relative paths below are resolved; blank = the process's working directory.
        d.put("maintenance.base-dir", "");
        // Backups
        d.put("maintenance.backup.dir", "./backups");
        d.put("maintenance.backup.files", "");
        d.put("maintenance.backup.include-database", "true");
        d.put("maintenance.backup.method", "backup-api");
        d.put("maintenance.backup.compression-level", "1");
        d.put("maintenance.backup.verify", "integrity");
        d.put("maintenance.backup.keep-daily", "7");
        d.put("maintenance.backup.keep-weekly", "4");
        d.put("maintenance.backup.keep-monthly", "12");
        d.put("maintenance.backup.pg-dump", "pg_dump");
        d.put("maintenance.backup.pg-restore", "pg_restore");
        d.put("maintenance.backup.pg-dump-timeout", "2h");
        // Database maintenance
        d.put("maintenance.database.files", "");
        d.put("maintenance.database.integrity-check", "full");
        d.put("maintenance.database.vacuum-free-percent", "20");
        d.put("maintenance.database.reindex", "false");
        d.put("maintenance.database.prune-batch-size", "1000");
        // Retention per table: maintenance.retention.<table>=<duration> (off to disable);
        // optional .column and .unit (epoch-millis, epoch-seconds, text, timestamp) per table.
        d.put("maintenance.retention.candles", "1826d");
        d.put("maintenance.retention.job_runs", "90d");
        // Cleanup
        d.put("maintenance.cleanup.notifications.archive-after", "30d");
        d.put("maintenance.cleanup.log-dirs", "");
        d.put("maintenance.cleanup.log-retention", "90d");
        d.put("maintenance.cleanup.reindex", "false");
        return java.util.Collections.unmodifiableMap(d);
    }

    private final Config config;

    /** Settings over {@code config}, defaults underneath. */
    public MaintenanceSettings(Config config) {
        Map<String, String> merged = new LinkedHashMap<>(DEFAULTS);
        for (String key : config.keys()) {
            merged.put(key, config.get(key).orElseThrow());
        }
        this.config = Config.of(merged);
    }

    /** The merged configuration. */
    public Config config() {
        return config;
    }

    /** The directory relative paths are resolved against. */
    public Path baseDir() {
        return config.get("maintenance.base-dir").map(Path::of).orElse(Path.of("")).toAbsolutePath().normalize();
    }

    /** {@code value} resolved against {@link #baseDir()}. */
    public Path resolve(String value) {
        return baseDir().resolve(value).toAbsolutePath().normalize();
    }

    /** The backup directory. */
    public Path backupDir() {
        return resolve(config.string("maintenance.backup.dir", "./backups"));
    }

    /** Other SQLite files to back up. */
    public List<Path> backupFiles() {
        return config.list("maintenance.backup.files").stream().map(this::resolve).toList();
    }

    /** Other SQLite files the database maintenance looks after. */
    public List<Path> databaseFiles() {
        return config.list("maintenance.database.files").stream().map(this::resolve).toList();
    }

    /** Integer in {@code [min, max]}. */
    public int integer(String key, int min, int max) {
        int v = config.integer(key, Integer.parseInt(DEFAULTS.get(key)));
        if (v < min || v > max) {
            throw new ConfigException(key, String.valueOf(v), "must be between " + min + " and " + max);
        }
        return v;
    }

    /** A duration setting. */
    public Duration duration(String key) {
        return config.duration(key, Config.parseDuration(key, DEFAULTS.get(key)));
    }

    /** A boolean setting. */
    public boolean bool(String key) {
        return config.bool(key, Boolean.parseBoolean(DEFAULTS.get(key)));
    }

    /** A string setting. */
    public String string(String key) {
        return config.string(key, DEFAULTS.getOrDefault(key, ""));
    }

    /**
     * The retention rules: one per {@code maintenance.retention.<table>} whose value is a duration
     * (not {@code off}). For {@code job_runs} the age is at least the core's {@code jobs.history.retention},
     * so the two settings never disagree about what is kept.
     */
    public List<RetentionRule> retentionRules() {
        Set<String> tables = new TreeSet<>();
        String prefix = "maintenance.retention.";
        for (String key : config.keys()) {
            if (key.startsWith(prefix)) {
                String rest = key.substring(prefix.length());
                int dot = rest.indexOf('.');
                tables.add(dot < 0 ? rest : rest.substring(0, dot));
            }
        }
        List<RetentionRule> rules = new java.util.ArrayList<>();
        for (String table : tables) {
            String key = prefix + table;
            Optional<String> raw = config.get(key);
            if (raw.isEmpty() || Set.of("off", "none", "false", "forever").contains(raw.get().toLowerCase(Locale.ROOT))) {
                continue;
            }
            if (!table.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new ConfigException(key, raw.get(), "names a table that is not a plain SQL identifier");
            }
            Duration age = Config.parseDuration(key, raw.get());
            if (table.equalsIgnoreCase("job_runs")) {
                // The core owns the run history and keeps it for jobs.history.retention: never delete sooner.
                Duration core = config.duration("jobs.history.retention", Duration.ofDays(90));
                age = age.compareTo(core) < 0 ? core : age;
            }
            Optional<String> column = config.get(key + ".column");
            column.ifPresent(c -> {
                if (!c.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                    throw new ConfigException(key + ".column", c, "is not a plain SQL identifier");
                }
            });
            Optional<RetentionRule.Unit> unit = config.get(key + ".unit").map(u -> RetentionRule.Unit.parse(key + ".unit", u));
            rules.add(new RetentionRule(table, age, column.orElse(null), unit.orElse(null)));
        }
        return rules;
    }
}
