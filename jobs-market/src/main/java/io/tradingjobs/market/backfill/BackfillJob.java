package io.tradingjobs.market.backfill;

import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.spi.Job;
import io.tradingjobs.core.spi.JobContext;
import io.tradingjobs.core.spi.NonRetryableException;
import io.tradingjobs.market.internal.MarketStore;
import io.tradingjobs.market.internal.MarketStore.Gap;
import io.tradingjobs.market.internal.Workers;
import io.tradingjobs.market.source.Candle;
import io.tradingjobs.market.source.InvalidTokenException;
import io.tradingjobs.market.source.MarketDataException;
import io.tradingjobs.market.source.MarketDataSource;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code market.backfill}: fills the open gaps of {@code data_gaps}, oldest first,
 * {@code market.backfill.concurrency} at a time within the source's rate limit. Each gap's candles
 * are stored and the gap closed in one transaction ({@code FILLED}, or {@code UNFILLABLE} with the
 * reason when the source has nothing there or refuses the request), so a run cut off by a crash
 * leaves only unfinished gaps open, and the next run continues with those and fetches nothing it
 * already stored. A transient failure leaves the gap open until {@code market.backfill.max-attempts}.
 */
public final class BackfillJob implements Job {
    private static final Logger LOG = LoggerFactory.getLogger(BackfillJob.class);

    private final MarketDataSource source;
    private final MarketStore store;
    private final Config config;
    private final Clock clock;

    /** Injected. */
    @Inject
    public BackfillJob(MarketDataSource source, MarketStore store, Config config, Clock clock) {
        this.source = source;
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public void run(JobContext ctx) throws Exception {
        List<Gap> gaps = store.openGaps(config.integer("market.backfill.max-gaps", 10_000));
        if (gaps.isEmpty()) {
            ctx.summary("no open gaps");
            return;
        }
        int maxAttempts = config.integer("market.backfill.max-attempts", 3);
        Iterator<Gap> next = gaps.iterator();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger filled = new AtomicInteger();
        AtomicInteger unfillable = new AtomicInteger();
        AtomicInteger stillOpen = new AtomicInteger();
        AtomicReference<InvalidTokenException> badToken = new AtomicReference<>();
        ctx.progress(0, gaps.size());
        int workers = Math.min(gaps.size(), config.integer("market.backfill.concurrency", 8));
        ExecutorService pool = Workers.pool("market-backfill", workers);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < workers; w++) {
                futures.add(pool.submit(() -> {
                    while (badToken.get() == null && !ctx.isCancelled() && !Thread.currentThread().isInterrupted()) {
                        Gap gap;
                        synchronized (next) {
                            if (!next.hasNext()) {
                                return;
                            }
                            gap = next.next();
                        }
                        try {
                            switch (fill(gap, maxAttempts)) {
                                case "FILLED": filled.incrementAndGet(); break;
                                case "UNFILLABLE": unfillable.incrementAndGet(); break;
                                default: stillOpen.incrementAndGet(); break;
                            }
                        } catch (InvalidTokenException e) {
                            badToken.compareAndSet(null, e);
                            return;
                        }
                        ctx.progress(done.incrementAndGet(), gaps.size());
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
        if (badToken.get() != null) {
            throw new NonRetryableException(badToken.get().getMessage(), badToken.get());
        }
        ctx.checkCancelled();
        ctx.summary(String.format("%d gaps: %d filled, %d unfillable, %d still open%s", gaps.size(), filled.get(), unfillable.get(),
                stillOpen.get(), source.isSimulated() ? " (SIMULATED)" : ""));
    }

    private String fill(Gap gap, int maxAttempts) throws InvalidTokenException {
        LocalDate from = Instant.ofEpochMilli(gap.start()).atZone(source.zone()).toLocalDate();
        LocalDate to = Instant.ofEpochMilli(gap.end()).atZone(source.zone()).toLocalDate();
        try {
            List<Candle> candles = source.candles(gap.instrumentKey(), gap.interval(), from, to);
            int inGap = 0;
            for (Candle c : candles) {
                long t = c.time().toEpochMilli();
                if (t >= gap.start() && t <= gap.end()) {
                    inGap++;
                }
            }
            store.closeGap(gap, candles, source.name(), inGap, "the source has no " + gap.interval().code() + " candles of "
                    + gap.instrumentKey() + " between " + Instant.ofEpochMilli(gap.start()) + " and " + Instant.ofEpochMilli(gap.end()),
                    clock.instant());
            return inGap > 0 ? "FILLED" : "UNFILLABLE";
        } catch (InvalidTokenException e) {
            throw e;
        } catch (MarketDataException e) {
            boolean giveUp = !e.isTransient() || gap.attempts() + 1 >= maxAttempts;
            LOG.warn("market.backfill: gap of {} {} at {}: {}{}", gap.instrumentKey(), gap.interval().code(), Instant.ofEpochMilli(gap.start()),
                    e.getMessage(), giveUp ? " (unfillable)" : " (will retry)");
            store.failGap(gap, e.getMessage(), giveUp, clock.instant());
            return giveUp ? "UNFILLABLE" : "OPEN";
        }
    }
}
