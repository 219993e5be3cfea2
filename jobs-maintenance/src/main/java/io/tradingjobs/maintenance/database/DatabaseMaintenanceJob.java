package io.tradingjobs.maintenance.database;

import io.tradingjobs.core.notify.Notifier;
import io.tradingjobs.core.spi.Job;
import io.tradingjobs.core.spi.JobContext;
import io.tradingjobs.core.spi.NonRetryableException;
import io.tradingjobs.maintenance.internal.MaintenanceSettings;
import io.tradingjobs.maintenance.internal.MaintenanceWindow;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * {@code maintenance.database}: see {@link DatabaseMaintenance}. The summary names each database
 * with its integrity result, rows pruned per table, the steps done and bytes before and after; an
 * integrity failure fails the run (not retried) after the alert.
 */
public final class DatabaseMaintenanceJob implements Job {

    private final DSLContext dsl;
    private final Notifier notifier;

    /** Created by Guice for each run. */
    @Inject
    public DatabaseMaintenanceJob(DSLContext dsl, Notifier notifier) {
        this.dsl = dsl;
        this.notifier = notifier;
    }

    @Override
    public void run(JobContext context) throws Exception {
        DatabaseMaintenance work = new DatabaseMaintenance(dsl, new MaintenanceSettings(context.config()), context.clock(), notifier,
                context::checkCancelled);
        List<DatabaseMaintenance.Report> reports;
        AutoCloseable window = MaintenanceWindow.enter();
        try {
            reports = work.run();
        } finally {
            window.close();
        }
        String summary = DatabaseMaintenance.describe(reports);
        context.summary(summary.length() > 3900 ? summary.substring(0, 3900) + "..." : summary);
        Optional<DatabaseMaintenance.Report> failed = DatabaseMaintenance.failure(reports);
        if (failed.isPresent()) {
            throw new NonRetryableException("integrity check failed for " + failed.get().database() + ": "
                    + failed.get().integrity().substring("FAILED: ".length()) + "; the rest of the maintenance was skipped (alert sent)");
        }
    }
}
