package io.tradingjobs.reports.daily;

import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.spi.Job;
import io.tradingjobs.core.spi.JobContext;
import io.tradingjobs.reports.internal.GeneratedReport;
import io.tradingjobs.reports.internal.ReportDelivery;
import io.tradingjobs.reports.internal.ReportSettings;
import jakarta.inject.Inject;
import java.time.LocalDate;

/**
 * {@code reports.daily}: generates the daily market report of the run's day (its scheduled date in
 * {@code reports.market.timezone}), archives it in {@code reports} (replacing an earlier one of
 * the same day) and e-mails it, charts inline, to {@code reports.email.to} (default
 * {@code notify.email.to}) when e-mail is on.
 */
public final class DailyReportJob implements Job {
    private final DailyReportGenerator generator;
    private final ReportDelivery delivery;
    private final Config config;

    @Inject
    public DailyReportJob(DailyReportGenerator generator, ReportDelivery delivery, Config config) {
        this.generator = generator;
        this.delivery = delivery;
        this.config = config;
    }

    @Override
    public void run(JobContext ctx) throws Exception {
        ReportSettings s = ReportSettings.read(config);
        LocalDate day = ctx.scheduledFireTime().atZone(s.marketZone()).toLocalDate();
        GeneratedReport report = generator.generate(day);
        ctx.checkCancelled();
        ctx.summary(report.id() + ": " + String.join(", ", report.sections()) + ", " + report.parts().size() + " charts; "
                + delivery.deliverAndDescribe(report, s));
    }
}
