package io.tradingjobs.core.scheduler;

import io.tradingjobs.core.test.TestDatabases;
import java.nio.file.Path;

/** The scheduler's behaviour on an SQLite file (the embedded default). */
class SqliteSchedulerBehaviourTest extends SchedulerBehaviourTest {
    @Override
    protected String databaseUrl(Path tempDir) {
        return TestDatabases.sqlite(tempDir);
    }
}
