package io.tradingjobs.reports.weekly;

import io.tradingjobs.core.config.Config;
import io.tradingjobs.reports.internal.GeneratedReport;
import io.tradingjobs.reports.internal.MarketReportJob;
import io.tradingjobs.reports.internal.ReportDelivery;
import jakarta.inject.Inject;
import java.time.LocalDate;

/**
 * {@code reports.weekly}: generates the weekly report of the run's week (its scheduled date in
 * {@code reports.market.timezone}), archives it and e-mails it to the subscribers when e-mail is on.
 */
public final class WeeklyReportJob extends MarketReportJob {
    private final WeeklyReportGenerator generator;

    @Inject
    public WeeklyReportJob(WeeklyReportGenerator generator, ReportDelivery delivery, Config config) {
        super(delivery, config);
        this.generator = generator;
    }

    @Override
    protected GeneratedReport generate(LocalDate day) {
        return generator.generate(day);
    }
}
