package io.tradingjobs.reports.weekly;

import io.tradingjobs.core.spi.Job;
import io.tradingjobs.core.spi.JobContext;
import io.tradingjobs.reports.internal.ReportDelivery;
import jakarta.inject.Inject;

/**
 * {@code reports.weekly}: generates the weekly report of the run's week (its scheduled date in
 * {@code reports.market.timezone}), archives it and e-mails it to the subscribers when e-mail is on.
 */
public final class WeeklyReportJob implements Job {
    private final WeeklyReportGenerator generator;
    private final ReportDelivery delivery;

    @Inject
    public WeeklyReportJob(WeeklyReportGenerator generator, ReportDelivery delivery) {
        this.generator = generator;
        this.delivery = delivery;
    }

    @Override
    public void run(JobContext ctx) throws Exception {
        delivery.runReportJob(ctx, generator::generate);
    }
}
