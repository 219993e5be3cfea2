package io.tradingjobs.reports.internal;

import io.tradingjobs.core.notify.Mailer;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Archives a generated report and e-mails it to the subscribers when e-mail is on. */
public final class ReportDelivery {
    private static final Logger LOG = LoggerFactory.getLogger(ReportDelivery.class);

    private final ReportStore store;
    private final Mailer mailer;
    private final Clock clock;

    @Inject
    public ReportDelivery(ReportStore store, Mailer mailer, Clock clock) {
        this.store = store;
        this.mailer = mailer;
        this.clock = clock;
    }

    /**
     * Archives and, when e-mail is on, mails {@code report} per the settings, and says what was done
     * in the words of a run summary ("archived, not e-mailed" or "e-mailed to 3 subscribers").
     *
     * @throws Exception when the SMTP server fails (the report stays archived)
     */
    public String deliverAndDescribe(GeneratedReport report, ReportSettings settings) throws Exception {
        List<String> to = deliver(report, settings.email(), settings.recipients());
        return to.isEmpty() ? "archived, not e-mailed" : "e-mailed to " + to.size() + " subscriber" + (to.size() == 1 ? "" : "s");
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
