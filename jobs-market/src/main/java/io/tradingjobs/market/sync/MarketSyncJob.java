package io.tradingjobs.market.sync;

import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.spi.Job;
import io.tradingjobs.core.spi.JobContext;
import io.tradingjobs.core.spi.NonRetryableException;
import io.tradingjobs.market.internal.MarketStore;
import io.tradingjobs.market.internal.Workers;
import io.tradingjobs.market.source.Candle;
import io.tradingjobs.market.source.CandleInterval;
import io.tradingjobs.market.source.IndexValue;
import io.tradingjobs.market.source.InvalidTokenException;
import io.tradingjobs.market.source.MarketDataException;
import io.tradingjobs.market.source.MarketDataSource;
import io.tradingjobs.market.source.OptionStrike;
import io.tradingjobs.market.source.Quote;
import jakarta.inject.Inject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code market.sync}: for every instrument of {@code market.watchlist} and interval of
 * {@code market.intervals}, fetches the candles newer than the newest stored one (the first run
 * goes back {@code market.sync.initial-days}), then the watchlist's quotes, the values of
 * {@code market.indices} and the option chains of {@code market.options.underlyings} for
 * {@code market.options.expiries}. Fetches run {@code market.sync.concurrency} at a time, within
 * the source's rate limit. One instrument's bad answer fails only that fetch (nothing of it is
 * stored); the others are stored and the run then fails naming each instrument and URL. An invalid
 * token stops the run at once, without retries.
 */
public final class MarketSyncJob implements Job {
    private static final Logger LOG = LoggerFactory.getLogger(MarketSyncJob.class);

    private final MarketDataSource source;
    private final MarketStore store;
    private final Config config;
    private final Clock clock;

    /** Injected. */
    @Inject
    public MarketSyncJob(MarketDataSource source, MarketStore store, Config config, Clock clock) {
        this.source = source;
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public void run(JobContext ctx) throws Exception {
        List<String> watchlist = config.list("market.watchlist");
        List<CandleInterval> intervals = config.list("market.intervals").stream().map(CandleInterval::of).toList();
        List<String> indices = config.list("market.indices");
        List<String> underlyings = config.list("market.options.underlyings");
        List<LocalDate> expiries = config.list("market.options.expiries").stream().map(LocalDate::parse).toList();
        int initialDays = config.integer("market.sync.initial-days", 5);
        LocalDate today = LocalDate.now(clock.withZone(source.zone()));
        Instant now = clock.instant();

        List<Task> tasks = new ArrayList<>();
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicReference<InvalidTokenException> badToken = new AtomicReference<>();
        AtomicLong newCandles = new AtomicLong();
        AtomicLong done = new AtomicLong();
        AtomicLong quotesStored = new AtomicLong();
        AtomicLong indexStored = new AtomicLong();
        AtomicLong chainsStored = new AtomicLong();
        for (String key : watchlist) {
            for (CandleInterval interval : intervals) {
                tasks.add(() -> {
                    Instant latest = store.latestCandle(key, interval).orElse(null);
                    LocalDate from = latest == null ? today.minusDays(initialDays) : latest.atZone(source.zone()).toLocalDate();
                    if (latest != null && interval == CandleInterval.DAY && from.isBefore(today)) {
                        from = from.plusDays(1); // a stored bar of a past day is complete
                    }
                    List<Candle> fetched = source.candles(key, interval, from, today);
                    // the newest stored bar may have been incomplete: store it again, and everything after it
                    List<Candle> fresh = latest == null ? fetched
                            : fetched.stream().filter(c -> !c.time().isBefore(latest)).toList();
                    store.upsertCandles(fresh, source.name());
                    newCandles.addAndGet(latest == null ? fresh.size() : fresh.stream().filter(c -> c.time().isAfter(latest)).count());
                });
            }
        }
        if (!watchlist.isEmpty() && config.bool("market.sync.quotes", true)) {
            tasks.add(() -> {
                Map<String, Quote> quotes = source.quotes(watchlist);
                store.upsertQuotes(quotes.values(), source.name(), now);
                List<String[]> instruments = new ArrayList<>();
                for (Quote q : quotes.values()) {
                    String key = q.instrumentKey();
                    String isin = key.matches("NSE_EQ\\|IN[A-Z0-9]{10}") ? key.substring(7) : null;
                    instruments.add(new String[] {key, q.symbol(), null, isin, null});
                }
                store.upsertInstruments(instruments, source.name(), "NSE", now);
                quotesStored.addAndGet(quotes.size());
            });
        }
        if (!indices.isEmpty()) {
            tasks.add(() -> {
                List<IndexValue> values = source.indices(indices);
                store.upsertIndexValues(values, source.name());
                indexStored.addAndGet(values.size());
            });
        }
        Instant snapshot = now.truncatedTo(ChronoUnit.MINUTES);
        for (String underlying : underlyings) {
            for (LocalDate expiry : expiries) {
                tasks.add(() -> {
                    List<OptionStrike> chain = source.optionChain(underlying, expiry);
                    store.upsertOptionChain(chain, snapshot);
                    chainsStored.incrementAndGet();
                });
            }
        }

        long total = tasks.size();
        ctx.progress(0, total);
        ExecutorService pool = Workers.pool("market-sync", config.integer("market.sync.concurrency", 8));
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Task task : tasks) {
                futures.add(pool.submit(() -> {
                    if (badToken.get() != null || ctx.isCancelled()) {
                        return;
                    }
                    try {
                        task.run();
                    } catch (InvalidTokenException e) {
                        badToken.compareAndSet(null, e);
                    } catch (MarketDataException e) {
                        failures.add(e.getMessage());
                        LOG.warn("market.sync: {}", e.getMessage());
                    } catch (RuntimeException e) {
                        failures.add(e.toString());
                        LOG.warn("market.sync task failed", e);
                    }
                    ctx.progress(done.incrementAndGet(), total);
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
        ctx.checkCancelled();
        if (badToken.get() != null) {
            throw new NonRetryableException(badToken.get().getMessage(), badToken.get());
        }
        String summary = String.format("%s%s: %d new candles for %d instruments x %d intervals, %d quotes, %d index values, %d option chains",
                source.name(), source.isSimulated() ? " (SIMULATED)" : "", newCandles.get(), watchlist.size(), intervals.size(),
                quotesStored.get(), indexStored.get(), chainsStored.get());
        if (!failures.isEmpty()) {
            throw new MarketDataException("market.sync", "several", -1, null, summary + "; " + failures.size() + " failed: "
                    + String.join("; ", failures), false, null);
        }
        ctx.summary(summary);
    }

    /** A task body that may throw {@link MarketDataException}. */
    @FunctionalInterface
    private interface Task {
        void run() throws MarketDataException;
    }
}
