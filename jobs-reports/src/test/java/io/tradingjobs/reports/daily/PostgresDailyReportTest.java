package io.tradingjobs.reports.daily;

import io.tradingjobs.core.test.TestDatabases;

class PostgresDailyReportTest extends DailyReportContract {
    @Override
    String databaseUrl() {
        return TestDatabases.postgresSchema();
    }
}
