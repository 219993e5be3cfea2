package io.tradingjobs.reports.daily;

import io.tradingjobs.core.test.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteDailyReportTest extends DailyReportContract {
    @TempDir
    Path dir;

    @Override
    String databaseUrl() {
        return TestDatabases.sqlite(dir);
    }
}
