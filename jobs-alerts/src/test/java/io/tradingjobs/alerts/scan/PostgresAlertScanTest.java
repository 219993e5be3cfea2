package io.tradingjobs.alerts.scan;

import io.tradingjobs.core.test.TestDatabases;

class PostgresAlertScanTest extends AlertScanContract {
    @Override
    String newDatabaseUrl() {
        return TestDatabases.postgresSchema();
    }
}
