package io.tradingjobs.nse;

import io.tradingjobs.core.test.TestDatabases;
import java.nio.file.Path;

class SqliteCorporateActionsJobTest extends CorporateActionsJobBehaviour {
    @Override
    String newDatabase(Path dir) {
        return TestDatabases.sqlite(dir);
    }
}
