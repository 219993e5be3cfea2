package io.tradingjobs.reports.daily;

import io.tradingjobs.core.config.Config;
import io.tradingjobs.reports.internal.GeneratedReport;
import io.tradingjobs.reports.internal.MarketReportJob;
import io.tradingjobs.reports.internal.ReportDelivery;
import jakarta.inject.Inject;
import java.time.LocalDate;

/**
 * {@code reports.daily}: generates the daily market report of the run's day (its scheduled date in
 * {@code reports.market.timezone}), archives it in {@code reports} (replacing an earlier one of
 * the same day) and e-mails it, charts inline, to {@code reports.email.to} (default
 * {@code notify.email.to}) when e-mail is on.
 */
public final class DailyReportJob extends MarketReportJob {
    private final DailyReportGenerator generator;

    @Inject
    public DailyReportJob(DailyReportGenerator generator, ReportDelivery delivery, Config config) {
        super(delivery, config);
        this.generator = generator;
    }

    @Override
    protected GeneratedReport generate(LocalDate day) {
        return generator.generate(day);
    }
}
