package io.tradingjobs.examples.custom;

import io.tradingjobs.core.calendar.TradingCalendar;
import io.tradingjobs.core.calendar.TradingCalendars;
import io.tradingjobs.core.spi.DiscoverableJob;
import io.tradingjobs.core.spi.JobContext;
import io.tradingjobs.core.spi.JobDefinition;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A host's own job in one class: its definition, and what a run does. The line
 * {@code io.tradingjobs.examples.custom.MarketClockJob} in
 * {@code META-INF/services/io.tradingjobs.core.spi.JobProvider} is all the scheduler needs to find it.
 *
 * <p>It injects a host service ({@link Watchlist}, bound by the host) and reads the time from the
 * run's clock, so a test drives it with a manual clock (see {@code MarketClockJobTest}).
 */
public final class MarketClockJob extends DiscoverableJob {
    /** The job id. */
    public static final String ID = "host.market-clock";

    private final Watchlist watchlist;

    /** For {@link java.util.ServiceLoader}, which only reads the definition. */
    public MarketClockJob() {
        this(null);
    }

    /** For Guice, which creates the job for every run. */
    @Inject
    public MarketClockJob(Watchlist watchlist) {
        this.watchlist = watchlist;
    }

    @Override
    protected JobDefinition definition() {
        return JobDefinition.builder(ID).name("Market clock")
                .description("Says whether NSE and BVMT are open and when they next open or close, for the host's watchlist")
                .schedule("every 5 minutes").build();
    }

    @Override
    public void run(JobContext context) {
        Instant now = context.clock().instant();
        String markets = List.of(TradingCalendars.nse(), TradingCalendars.bvmt()).stream()
                .map(calendar -> describe(calendar, now)).collect(Collectors.joining("; "));
        context.summary(markets + "; watching " + String.join(", ", watchlist.symbols()));
    }

    private static String describe(TradingCalendar calendar, Instant now) {
        return calendar.isOpen(now)
                ? calendar.code() + " open until " + calendar.nextClose(now).toLocalTime()
                : calendar.code() + " closed, opens " + calendar.nextOpen(now).toLocalDateTime();
    }
}
