package io.tradingjobs.reports.performance;

import io.tradingjobs.core.test.TestDatabases;

class PostgresPerformanceJobTest extends PerformanceJobContract {
    @Override
    String databaseUrl() {
        return TestDatabases.postgresSchema();
    }
}
