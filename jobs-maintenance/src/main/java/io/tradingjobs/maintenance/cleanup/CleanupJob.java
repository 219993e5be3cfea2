package io.tradingjobs.maintenance.cleanup;

import io.tradingjobs.core.spi.Job;
import io.tradingjobs.core.spi.JobContext;
import io.tradingjobs.maintenance.internal.MaintenanceSettings;
import jakarta.inject.Inject;
import org.jooq.DSLContext;

/** {@code maintenance.cleanup}: see {@link Cleanup}; the summary gives the count of each step. */
public final class CleanupJob implements Job {

    private final DSLContext dsl;

    /** Created by Guice for each run. */
    @Inject
    public CleanupJob(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void run(JobContext context) throws Exception {
        Cleanup.Report report = new Cleanup(dsl, new MaintenanceSettings(context.config()), context.clock(), context::checkCancelled).run();
        context.summary(report.describe());
    }
}
