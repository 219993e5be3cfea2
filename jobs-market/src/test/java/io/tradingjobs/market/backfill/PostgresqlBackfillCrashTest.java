package io.tradingjobs.market.backfill;

import io.tradingjobs.core.test.TestDatabases;

import java.nio.file.Path;

class PostgresqlBackfillCrashTest extends BackfillCrashContract {
    @Override
    String newDatabaseUrl(Path dir) {
        return TestDatabases.postgresSchema();
    }
}
