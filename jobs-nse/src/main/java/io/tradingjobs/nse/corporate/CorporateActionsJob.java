package io.tradingjobs.nse.corporate;

import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.http.Http;
import io.tradingjobs.core.http.HttpException;
import io.tradingjobs.core.notify.Notifier;
import io.tradingjobs.core.spi.Job;
import io.tradingjobs.core.spi.JobContext;
import io.tradingjobs.core.spi.JobDefinition;
import io.tradingjobs.core.spi.NonRetryableException;
import io.tradingjobs.core.spi.RetryPolicy;
import io.tradingjobs.nse.internal.BadDataException;
import io.tradingjobs.nse.internal.NseSession;
import io.tradingjobs.nse.internal.NseSettings;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code nse.corporate-actions}: reads NSE corporate actions, announcements and board meetings,
 * and BSE announcements, corporate actions and results calendar, for the last
 * {@code nse.corporate.lookback-days} to the next {@code nse.corporate.lookahead-days}, into
 * {@code corporate_announcements} and {@code earnings_calendar}. Each source is read on its own: what
 * parsed is stored, and a source that failed fails the run afterwards, naming its URL.
 */
public final class CorporateActionsJob implements Job {
    /** The job id. */
    public static final String ID = "nse.corporate-actions";
    private static final Logger LOG = LoggerFactory.getLogger(CorporateActionsJob.class);

    private final Http http;
    private final DSLContext dsl;
    private final Config config;
    private final Notifier notifier;

    /** Created by the scheduler for every run. */
    @Inject
    public CorporateActionsJob(Http http, DSLContext dsl, Config config, Notifier notifier) {
        this.http = http;
        this.dsl = dsl;
        this.config = config;
        this.notifier = notifier;
    }

    /** The definition: daily at 23:00 IST, as in the seed. */
    public static JobDefinition definition() {
        return JobDefinition.builder(ID).name("Corporate announcements")
                .description("NSE/BSE dividends, splits, bonuses, announcements and the earnings calendar")
                .schedule("0 23 * * * in Asia/Kolkata")
                .retry(RetryPolicy.exponential(3, Duration.ofMinutes(10)))
                .timeout(Duration.ofMinutes(30))
                .build();
    }

    private interface Source {
        void read() throws IOException, BadDataException;
    }

    @Override
    public void run(JobContext context) throws Exception {
        NseSettings.rateLimit(http, config, NseSettings.NSE_RATE_LIMIT, NseSettings.BASE_URL);
        boolean bse = config.bool(NseSettings.BSE_ENABLED, true);
        if (bse) {
            NseSettings.rateLimit(http, config, NseSettings.BSE_RATE_LIMIT, NseSettings.BSE_BASE_URL);
        }
        CorporateClient client = new CorporateClient(http, new NseSession(http, NseSettings.base(config, NseSettings.BASE_URL)),
                NseSettings.base(config, NseSettings.BSE_BASE_URL));
        LocalDate today = LocalDate.now(context.clock().withZone(NseSettings.IST));
        LocalDate from = today.minusDays(config.integer(NseSettings.CORPORATE_LOOKBACK_DAYS, 7));
        LocalDate to = today.plusDays(config.integer(NseSettings.CORPORATE_LOOKAHEAD_DAYS, 30));

        List<CorporateEvent> events = new ArrayList<>();
        List<EarningsEvent> meetings = new ArrayList<>();
        List<Source> sources = new ArrayList<>(List.of(
                () -> {
                    CorporateClient.Answer a = client.nse(CorporateClient.NSE_ACTIONS, from, to);
                    events.addAll(CorporateParser.nseActions(a.url(), a.json(), true));
                },
                () -> {
                    CorporateClient.Answer a = client.nse(CorporateClient.NSE_ANNOUNCEMENTS, from, today);
                    events.addAll(CorporateParser.nseAnnouncements(a.url(), a.json()));
                },
                () -> {
                    CorporateClient.Answer a = client.nse(CorporateClient.NSE_BOARD_MEETINGS, from, to);
                    meetings.addAll(CorporateParser.nseBoardMeetings(a.url(), a.json()));
                }));
        if (bse) {
            sources.add(() -> {
                CorporateClient.Answer a = client.bseAnnouncements(from, today);
                events.addAll(CorporateParser.bseAnnouncements(a.url(), a.json()));
            });
            sources.add(() -> {
                CorporateClient.Answer a = client.bseActions(from, to);
                events.addAll(CorporateParser.bseActions(a.url(), a.json()));
            });
            sources.add(() -> {
                CorporateClient.Answer a = client.bseResults(today, to);
                meetings.addAll(CorporateParser.bseResults(a.url(), a.json()));
            });
        }
        List<String> failures = new ArrayList<>();
        boolean onlyBadData = true;
        int done = 0;
        for (Source source : sources) {
            context.checkCancelled();
            try {
                source.read();
            } catch (BadDataException e) {
                failures.add(e.getMessage());
            } catch (IOException e) {
                if (e instanceof HttpException he && he.isInterruption()) {
                    throw e;
                }
                onlyBadData = onlyBadData && e instanceof HttpException he2 && he2.status() >= 400 && he2.status() < 500;
                failures.add(e.getMessage());
            }
            context.progress(++done, sources.size() + 1L);
        }
        Set<String> watchlist = new TreeSet<>();
        config.list(NseSettings.WATCHLIST).forEach(s -> watchlist.add(s.toUpperCase(Locale.ROOT)));
        CorporateRepository.Saved saved = new CorporateRepository(dsl, notifier).save(events, meetings, watchlist, context.clock().millis());
        context.progress(sources.size() + 1L, sources.size() + 1L);
        String summary = saved.newEvents() + " new and " + saved.knownEvents() + " known events, " + saved.newMeetings()
                + " new results meetings, " + saved.alerts() + " watchlist alerts"
                + (failures.isEmpty() ? "" : "; " + failures.size() + " of " + sources.size() + " sources failed");
        context.summary(summary);
        LOG.info("{} ({} {})", summary, from, to);
        if (!failures.isEmpty()) {
            String message = failures.size() + " of " + sources.size() + " sources failed (the others were stored): "
                    + String.join("; ", failures);
            if (onlyBadData) {
                throw new NonRetryableException(message);
            }
            throw new IOException(message);
        }
    }
}
