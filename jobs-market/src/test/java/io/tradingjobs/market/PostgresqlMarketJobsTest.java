package io.tradingjobs.market;

import io.tradingjobs.core.test.TestDatabases;

import java.nio.file.Path;

class PostgresqlMarketJobsTest extends MarketJobsContract {
    @Override
    String newDatabaseUrl(Path dir) {
        return TestDatabases.postgresSchema();
    }
}
