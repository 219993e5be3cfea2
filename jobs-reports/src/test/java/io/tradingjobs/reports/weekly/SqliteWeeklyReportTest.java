package io.tradingjobs.reports.weekly;

import io.tradingjobs.core.test.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteWeeklyReportTest extends WeeklyReportContract {
    @TempDir
    Path dir;

    @Override
    String databaseUrl() {
        return TestDatabases.sqlite(dir);
    }
}
