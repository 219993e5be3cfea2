package io.tradingjobs.market.gaps;

import io.tradingjobs.core.JobScheduler;
import io.tradingjobs.core.calendar.CalendarStore;
import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.spi.Job;
import io.tradingjobs.core.spi.JobContext;
import io.tradingjobs.market.MarketJobProvider;
import io.tradingjobs.market.internal.MarketStore;
import io.tradingjobs.market.source.CandleInterval;
import io.tradingjobs.market.source.MarketDataSource;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * {@code market.gaps}: compares the stored candles of the watchlist with the trading calendar of
 * the source's exchange over the last {@code market.gaps.lookback-days} (see {@link GapFinder}),
 * from each series' first stored candle up to its newest one (newer bars are the sync's to fetch),
 * records what is missing in {@code data_gaps} and, when there are open gaps and
 * {@code market.gaps.queue-backfill} is on, starts {@code market.backfill}.
 */
public final class GapDetectionJob implements Job {
    private static final Logger LOG = LoggerFactory.getLogger(GapDetectionJob.class);

    private final MarketDataSource source;
    private final MarketStore store;
    private final Config config;
    private final Clock clock;
    private final CalendarStore calendars;
    private final Provider<JobScheduler> scheduler;

    /** Injected. */
    @Inject
    public GapDetectionJob(MarketDataSource source, MarketStore store, Config config, Clock clock, CalendarStore calendars,
                           Provider<JobScheduler> scheduler) {
        this.source = source;
        this.store = store;
        this.config = config;
        this.clock = clock;
        this.calendars = calendars;
        this.scheduler = scheduler;
    }

    @Override
    public void run(JobContext ctx) {
        GapFinder finder = new GapFinder(calendars.calendar(source.calendar()), config.integer("market.gaps.min-missing-minutes", 30));
        List<String> watchlist = config.list("market.watchlist");
        List<CandleInterval> intervals = config.list("market.intervals").stream().map(CandleInterval::of).toList();
        Instant now = clock.instant();
        LocalDate today = LocalDate.now(clock.withZone(source.zone()));
        LocalDate lookbackStart = today.minusDays(config.integer("market.gaps.lookback-days", 10));
        int found = 0;
        int added = 0;
        int empty = 0;
        long done = 0;
        long total = (long) watchlist.size() * intervals.size();
        for (String key : watchlist) {
            for (CandleInterval interval : intervals) {
                ctx.checkCancelled();
                Instant earliest = store.earliestCandle(key, interval).orElse(null);
                Instant latest = store.latestCandle(key, interval).orElse(null);
                if (earliest == null || latest == null) {
                    empty++;
                } else {
                    LocalDate first = earliest.atZone(source.zone()).toLocalDate();
                    LocalDate from = first.isAfter(lookbackStart) ? first : lookbackStart;
                    Instant upTo = latest.plus(interval.length());
                    Instant until = upTo.isBefore(now) ? upTo : now;
                    long fromMs = from.atStartOfDay(source.zone()).toInstant().toEpochMilli();
                    List<MarketStore.Gap> gaps = finder.find(key, interval, from, today, until,
                            store.candleTimes(key, interval, fromMs, until.toEpochMilli()));
                    found += gaps.size();
                    added += store.recordGaps(gaps, now);
                }
                ctx.progress(++done, total);
            }
        }
        int open = store.openGaps(1).size();
        String summary = found + " gaps found, " + added + " new" + (empty > 0 ? ", " + empty + " series without candles yet" : "")
                + (source.isSimulated() ? " (SIMULATED)" : "");
        if (open > 0 && config.bool("market.gaps.queue-backfill", true)) {
            try {
                scheduler.get().runNow(MarketJobProvider.BACKFILL);
                summary += "; backfill queued";
            } catch (RuntimeException e) {
                LOG.info("market.gaps could not queue {}: {}", MarketJobProvider.BACKFILL, e.getMessage());
                summary += "; backfill not queued: " + e.getMessage();
            }
        }
        ctx.summary(summary);
    }
}
