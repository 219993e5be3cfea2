package io.tradingjobs.reports.daily;

import io.tradingjobs.core.spi.Job;
import io.tradingjobs.core.spi.JobContext;
import io.tradingjobs.reports.internal.ReportDelivery;
import jakarta.inject.Inject;

/**
 * {@code reports.daily}: generates the daily market report of the run's day (its scheduled date in
 * {@code reports.market.timezone}), archives it in {@code reports} (replacing an earlier one of
 * the same day) and e-mails it, charts inline, to {@code reports.email.to} (default
 * {@code notify.email.to}) when e-mail is on.
 */
public final class DailyReportJob implements Job {
    private final DailyReportGenerator generator;
    private final ReportDelivery delivery;

    @Inject
    public DailyReportJob(DailyReportGenerator generator, ReportDelivery delivery) {
        this.generator = generator;
        this.delivery = delivery;
    }

    @Override
    public void run(JobContext ctx) throws Exception {
        delivery.runReportJob(ctx, generator::generate);
    }
}
