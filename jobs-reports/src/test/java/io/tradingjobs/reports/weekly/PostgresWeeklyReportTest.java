package io.tradingjobs.reports.weekly;

import io.tradingjobs.core.test.TestDatabases;

class PostgresWeeklyReportTest extends WeeklyReportContract {
    @Override
    String databaseUrl() {
        return TestDatabases.postgresSchema();
    }
}
