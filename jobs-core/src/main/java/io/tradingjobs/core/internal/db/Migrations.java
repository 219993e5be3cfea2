package io.tradingjobs.core.internal.db;

import java.util.List;
import java.util.Locale;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies versioned migrations with Flyway, one history table per module
 * ({@code flyway_history_core}, {@code flyway_history_market}, ...), so modules version their
 * schemas independently and can be added to an existing database. On PostgreSQL Flyway holds an
 * advisory lock while migrating, so several nodes starting at once apply each script once.
 */
public final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {
    }

    /** The core's locations. */
    public static List<String> coreLocations() {
        return List.of("classpath:db/tradingjobs/core/common", "classpath:db/tradingjobs/core/{vendor}");
    }

    /**
     * Applies {@code locations} (with {@code {vendor}} replaced) for {@code module}.
     *
     * @return how many scripts ran
     */
    public static int apply(Database db, String module, List<String> locations, ClassLoader loader) {
        if (locations.isEmpty()) {
            return 0;
        }
        String vendor = db.kind() == DatabaseUrl.Kind.SQLITE ? "sqlite" : "postgresql";
        String[] resolved = locations.stream().map(l -> l.replace("{vendor}", vendor)).toArray(String[]::new);
        String table = "flyway_history_" + module.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        Flyway flyway = Flyway.configure(loader)
                .dataSource(db.dataSource())
                .table(table)
                .locations(resolved)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .failOnMissingLocations(false)
                .load();
        try {
            MigrateResult result = flyway.migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info("migrated {} to version {} ({} script{})", module, result.targetSchemaVersion, result.migrationsExecuted,
                        result.migrationsExecuted == 1 ? "" : "s");
            }
            return result.migrationsExecuted;
        } catch (RuntimeException e) {
            throw new IllegalStateException("migrations of " + module + " (" + String.join(", ", resolved) + ") failed on "
                    + db.description() + ": " + e.getMessage(), e);
        }
    }
}
