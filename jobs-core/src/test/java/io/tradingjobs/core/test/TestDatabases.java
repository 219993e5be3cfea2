package io.tradingjobs.core.test;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Databases for tests: a fresh SQLite file, or a fresh schema on the PostgreSQL named by
 * {@code JOBS_TEST_POSTGRES_URL} (default {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres},
 * the server on this project's machines).
 */
public final class TestDatabases {
    /** The PostgreSQL server tests use. */
    public static final String POSTGRES_URL = postgresUrl();

    private static String postgresUrl() {
        String url = System.getenv("JOBS_TEST_POSTGRES_URL");
        return url == null || url.isBlank() ? "jdbc:postgresql://127.0.0.1:5432/test?user=postgres" : url.trim();
    }

    private static final java.util.List<String> CREATED = new java.util.concurrent.CopyOnWriteArrayList<>();

    static {
        // Leave the shared test database as we found it.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Connection c = DriverManager.getConnection(POSTGRES_URL); Statement s = c.createStatement()) {
                for (String schema : CREATED) {
                    s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            } catch (SQLException ignored) {
                // best effort
            }
        }, "drop-test-schemas"));
    }

    private TestDatabases() {
    }

    /** A JDBC URL of a new SQLite file in {@code dir}. */
    public static String sqlite(Path dir) {
        return "jdbc:sqlite:" + dir.resolve("jobs-" + UUID.randomUUID() + ".db");
    }

    /** A JDBC URL whose default schema is a new, empty schema on the test PostgreSQL. */
    public static String postgresSchema() {
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(POSTGRES_URL); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            CREATED.add(schema);
        } catch (SQLException e) {
            throw new IllegalStateException("the test PostgreSQL at " + POSTGRES_URL + " is not reachable (set JOBS_TEST_POSTGRES_URL; "
                    + ".ci/run starts the server): " + e.getMessage(), e);
        }
        return POSTGRES_URL + (POSTGRES_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }
}
