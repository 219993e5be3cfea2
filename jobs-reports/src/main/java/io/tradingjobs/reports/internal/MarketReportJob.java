package io.tradingjobs.reports.internal;

import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.spi.Job;
import io.tradingjobs.core.spi.JobContext;
import java.time.LocalDate;

/**
 * A run of a market report job: the report of the run's day (its scheduled date in
 * {@code reports.market.timezone}), archived and e-mailed per the settings, described in the run's
 * summary. The daily and weekly jobs differ only in the report they generate.
 */
public abstract class MarketReportJob implements Job {
    private final ReportDelivery delivery;
    private final Config config;

    protected MarketReportJob(ReportDelivery delivery, Config config) {
        this.delivery = delivery;
        this.config = config;
    }

    /** Generates, without storing it, the report that covers {@code day}. */
    protected abstract GeneratedReport generate(LocalDate day);

    @Override
    public final void run(JobContext ctx) throws Exception {
        ReportSettings s = ReportSettings.read(config);
        GeneratedReport report = generate(ctx.scheduledFireTime().atZone(s.marketZone()).toLocalDate());
        ctx.checkCancelled();
        int charts = report.parts().size();
        ctx.summary(report.id() + ": " + String.join(", ", report.sections())
                + (charts == 0 ? "" : ", " + charts + (charts == 1 ? " chart" : " charts")) + "; " + delivery.deliverAndDescribe(report, s));
    }
}
