package io.tradingjobs.nse;

import io.tradingjobs.core.test.TestDatabases;
import java.nio.file.Path;

class PostgresHolidaysJobTest extends HolidaysJobBehaviour {
    @Override
    String newDatabase(Path dir) {
        return TestDatabases.postgresSchema();
    }
}
