package io.tradingjobs.core.scheduler;

import io.tradingjobs.core.test.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/**
 * The scheduler's behaviour on PostgreSQL, in a fresh schema per test. Fails, never skips, when
 * the test server ({@code JOBS_TEST_POSTGRES_URL}) cannot be reached.
 */
class PostgresSchedulerBehaviourTest extends SchedulerBehaviourTest {
    @Override
    protected String databaseUrl(Path tempDir) {
        return TestDatabases.postgresSchema();
    }

    @Override
    protected void dropDatabase(String url) throws Exception {
        String schema = url.substring(url.indexOf("currentSchema=") + "currentSchema=".length());
        try (Connection c = DriverManager.getConnection(TestDatabases.POSTGRES_URL); Statement s = c.createStatement()) {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
