package io.tradingjobs.alerts.scan;

import io.tradingjobs.core.test.TestDatabases;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class SqliteAlertScanTest extends AlertScanContract {
    @TempDir
    Path dir;

    @Override
    String newDatabaseUrl() {
        return TestDatabases.sqlite(dir);
    }
}
