package io.tradingjobs.reports.weekly;

import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.spi.Job;
import io.tradingjobs.core.spi.JobContext;
import io.tradingjobs.reports.internal.GeneratedReport;
import io.tradingjobs.reports.internal.ReportDelivery;
import io.tradingjobs.reports.internal.ReportSettings;
import jakarta.inject.Inject;
import java.time.LocalDate;

/**
 * {@code reports.weekly}: generates the weekly report of the run's week (its scheduled date in
 * {@code reports.market.timezone}), archives it and e-mails it to the subscribers when e-mail is on.
 */
public final class WeeklyReportJob implements Job {
    private final WeeklyReportGenerator generator;
    private final ReportDelivery delivery;
    private final Config config;

    @Inject
    public WeeklyReportJob(WeeklyReportGenerator generator, ReportDelivery delivery, Config config) {
        this.generator = generator;
        this.delivery = delivery;
        this.config = config;
    }

    @Override
    public void run(JobContext ctx) throws Exception {
        ReportSettings s = ReportSettings.read(config);
        LocalDate day = ctx.scheduledFireTime().atZone(s.marketZone()).toLocalDate();
        GeneratedReport report = generator.generate(day);
        ctx.summary(report.id() + ": " + String.join(", ", report.sections()) + "; " + delivery.deliverAndDescribe(report, s));
    }
}
