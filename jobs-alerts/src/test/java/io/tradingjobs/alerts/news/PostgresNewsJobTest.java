package io.tradingjobs.alerts.news;

import io.tradingjobs.core.test.TestDatabases;

class PostgresNewsJobTest extends NewsJobTest {
    @Override
    String databaseUrl() {
        return TestDatabases.postgresSchema();
    }
}
