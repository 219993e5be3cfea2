package io.tradingjobs.market;

import io.tradingjobs.core.test.TestDatabases;

import java.nio.file.Path;

class SqliteMarketJobsTest extends MarketJobsContract {
    @Override
    String newDatabaseUrl(Path dir) {
        return TestDatabases.sqlite(dir);
    }
}
