package io.tradingjobs.alerts.anomalies;

import io.tradingjobs.core.test.TestDatabases;

class PostgresAnomalyScanJobTest extends AnomalyScanJobTest {
    @Override
    String databaseUrl() {
        return TestDatabases.postgresSchema();
    }
}
