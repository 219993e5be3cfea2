package io.tradingjobs.reports.internal;

import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.notify.Mailer;
import io.tradingjobs.core.spi.JobContext;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Archives a generated report and e-mails it to the subscribers when e-mail is on. */
public final class ReportDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(ReportDelivery.class);

    private final ReportStore store;
    private final Mailer mailer;
    private final Clock clock;
    private final Config config;

    @Inject
    public ReportDelivery(ReportStore store, Mailer mailer, Clock clock, Config config) {
        this.store = store;
        this.mailer = mailer;
        this.clock = clock;
        this.config = config;
    }

    /**
     * The run of a report job (the daily and weekly reports differ only in {@code generate}): the
     * report of the run's day (its scheduled date in {@code reports.market.timezone}), archived and,
     * when e-mail is on, mailed per the settings; the run's summary says what was done
     * ("archived, not e-mailed" or "e-mailed to 3 subscribers").
     *
     * @throws Exception when the SMTP server fails (the report stays archived)
     */
    public void runReportJob(JobContext ctx, Function<LocalDate, GeneratedReport> generate) throws Exception {
        ReportSettings s = ReportSettings.read(config);
        GeneratedReport report = generate.apply(ctx.scheduledFireTime().atZone(s.marketZone()).toLocalDate());
        ctx.checkCancelled();
        int charts = report.parts().size();
        List<String> to = deliver(report, s.email(), s.recipients());
        ctx.summary(report.id() + ": " + String.join(", ", report.sections())
                + (charts == 0 ? "" : ", " + charts + (charts == 1 ? " chart" : " charts")) + "; "
                + (to.isEmpty() ? "archived, not e-mailed" : "e-mailed to " + to.size() + " subscriber" + (to.size() == 1 ? "" : "s")));
    }

    /**
     * Stores the report, then mails it when {@code email} and {@code notify.email.enabled} are on
     * and there are recipients.
     *
     * @return who it was mailed to (empty when not mailed)
     * @throws Exception when the SMTP server fails (the report stays archived)
     */
    public List<String> deliver(GeneratedReport report, boolean email, List<String> recipients) throws Exception {
        store.save(report);
        if (!email || !mailer.enabled() || recipients.isEmpty()) {
            LOG.debug("report {} archived, not mailed (reports e-mail {}, notify.email.enabled {}, {} recipients)", report.id(),
                    email, mailer.enabled(), recipients.size());
            return List.of();
        }
        mailer.send(report.title(), report.html(), report.parts(), recipients);
        store.markEmailed(report.id(), recipients, clock.instant());
        return recipients;
    }
}
