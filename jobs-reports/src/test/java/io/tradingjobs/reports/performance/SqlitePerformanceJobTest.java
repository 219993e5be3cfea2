package io.tradingjobs.reports.performance;

import io.tradingjobs.core.test.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqlitePerformanceJobTest extends PerformanceJobContract {
    @TempDir
    Path dir;

    @Override
    String databaseUrl() {
        return TestDatabases.sqlite(dir);
    }
}
