package io.tradingjobs.market;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.multibindings.OptionalBinder;
import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.spi.JobDefinition;
import io.tradingjobs.core.spi.JobProvider;
import io.tradingjobs.core.spi.RetryPolicy;
import io.tradingjobs.market.backfill.BackfillJob;
import io.tradingjobs.market.gaps.GapDetectionJob;
import io.tradingjobs.market.internal.MarketSources;
import io.tradingjobs.market.pulse.MarketPulseJob;
import io.tradingjobs.market.source.MarketDataSource;
import io.tradingjobs.market.sync.MarketSyncJob;
import io.tradingjobs.market.upstox.UpstoxSource;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The market jobs: {@code market.sync}, {@code market.gaps}, {@code market.backfill} and
 * {@code market.pulse}. Found through {@link java.util.ServiceLoader}. Every setting has a default
 * in {@link #defaults()}; {@code market.source} ({@code upstox} or {@code simulated}) picks the
 * built-in source of the first three, unless the host binds its own {@link MarketDataSource}.
 */
public final class MarketJobProvider implements JobProvider {
    /** Job id. */
    public static final String SYNC = "market.sync";
    /** Job id. */
    public static final String GAPS = "market.gaps";
    /** Job id. */
    public static final String BACKFILL = "market.backfill";
    /** Job id. */
    public static final String PULSE = "market.pulse";

    /** The default watchlist: Reliance, TCS, HDFC Bank, Infosys and ICICI Bank on NSE. */
    public static final String DEFAULT_WATCHLIST =
            "NSE_EQ|INE002A01018,NSE_EQ|INE467B01029,NSE_EQ|INE040A01034,NSE_EQ|INE009A01021,NSE_EQ|INE090A01021";

    @Override
    public String name() {
        return "market";
    }

    @Override
    public List<ProvidedJob> jobs(Config config) {
        JobDefinition.Builder sync = JobDefinition.builder(SYNC).name("Market data sync")
                .description("Candles (1m, 5m, 15m, day), quotes, option chains and index values for the watchlist")
                .schedule("every 1 hour during NSE market hours")
                .retry(RetryPolicy.exponential(3, Duration.ofMinutes(2)))
                .timeout(Duration.ofMinutes(50));
        if ("upstox".equalsIgnoreCase(config.string("market.source", "upstox").trim())) {
            sync.requires("market.upstox.token");
        }
        int pulseMinutes = config.integer("market.pulse.interval-minutes", 15);
        if (pulseMinutes < 1) {
            throw new IllegalArgumentException("market.pulse.interval-minutes (MARKET_PULSE_INTERVAL) must be at least 1, was " + pulseMinutes);
        }
        return List.of(
                JobProvider.job(sync.build(), MarketSyncJob.class),
                JobProvider.job(JobDefinition.builder(GAPS).name("Data gap detection")
                        .description("Finds missing candles by the trading calendar, records them in data_gaps and queues the backfill")
                        .schedule("30 minutes after NSE close").build(), GapDetectionJob.class),
                JobProvider.job(JobDefinition.builder(BACKFILL).name("Data gap backfill")
                        .description("Fills open data gaps, oldest first, within the source's rate limit; resumes after a crash")
                        .schedule("manual").recoverable(true).build(), BackfillJob.class),
                JobProvider.job(JobDefinition.builder(PULSE).name("Market Pulse Update")
                        .description("BVMT board, TUNINDEX and TUNINDEX20, sector performance and top movers")
                        .schedule("every " + pulseMinutes + " minutes during BVMT market hours")
                        .retry(RetryPolicy.exponential(2, Duration.ofMinutes(1))).build(), MarketPulseJob.class));
    }

    @Override
    public Module module() {
        return new AbstractModule() {
            @Override
            protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), MarketDataSource.class).setDefault().toProvider(DefaultSource.class);
            }

            @Provides
            @Singleton
            MarketSources sources(io.tradingjobs.core.http.Http http, Config config, java.time.Clock clock,
                                  io.tradingjobs.core.calendar.CalendarStore calendars) {
                return new MarketSources(http, config, clock, calendars);
            }
        };
    }

    /** The source named by {@code market.source}. */
    static final class DefaultSource implements jakarta.inject.Provider<MarketDataSource> {
        private final MarketSources sources;
        private final Config config;

        @jakarta.inject.Inject
        DefaultSource(MarketSources sources, Config config) {
            this.sources = sources;
            this.config = config;
        }

        @Override
        public MarketDataSource get() {
            return sources.byName(config.string("market.source", "upstox"));
        }
    }

    @Override
    public List<String> migrations() {
        return List.of("classpath:db/tradingjobs/market/common", "classpath:db/tradingjobs/market/{vendor}");
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("market.source", "upstox");
        d.put("market.upstox.base-url", "https://api.upstox.com");
        d.put("market.upstox.token", "");
        d.put("market.upstox.rate-limits", UpstoxSource.DEFAULT_RATE_LIMITS);
        d.put("market.bvmt.base-url", "https://www.bvmt.com.tn/rest_api/rest");
        d.put("market.bvmt.indices", "TUNINDEX:TN0009050014,TUNINDEX20:TN0009050287");
        d.put("market.simulated.seed", "42");
        d.put("market.watchlist", DEFAULT_WATCHLIST);
        d.put("market.intervals", "1m,5m,15m,day");
        d.put("market.indices", "NSE_INDEX|Nifty 50,NSE_INDEX|Nifty Bank");
        d.put("market.options.underlyings", "NSE_INDEX|Nifty 50");
        d.put("market.options.expiries", "");
        d.put("market.sync.quotes", "true");
        d.put("market.sync.concurrency", "8");
        d.put("market.sync.initial-days", "5");
        d.put("market.gaps.lookback-days", "10");
        d.put("market.gaps.min-missing-minutes", "30");
        d.put("market.gaps.queue-backfill", "true");
        d.put("market.backfill.concurrency", "8");
        d.put("market.backfill.max-gaps", "10000");
        d.put("market.backfill.max-attempts", "3");
        d.put("market.pulse.source", "bvmt");
        d.put("market.pulse.interval-minutes", "15");
        d.put("market.pulse.top-movers", "5");
        d.put("market.pulse.refresh", "false");
        d.put("market.pulse.refresh-path", "/api/stocks/refresh");
        return d;
    }

    @Override
    public Map<String, String> environmentAliases() {
        return Map.of("MARKET_PULSE_INTERVAL", "market.pulse.interval-minutes");
    }
}
