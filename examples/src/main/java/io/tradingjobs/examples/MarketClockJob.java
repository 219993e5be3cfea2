package io.tradingjobs.examples;

import io.tradingjobs.core.calendar.TradingCalendar;
import io.tradingjobs.core.calendar.TradingCalendars;
import io.tradingjobs.core.spi.Job;
import io.tradingjobs.core.spi.JobContext;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A custom job as a host writes one: it injects a host service ({@link Watchlist}) and the
 * calendars, and reports whether each exchange is open and when it next opens or closes.
 */
public final class MarketClockJob implements Job {
    private final Watchlist watchlist;

    @Inject
    MarketClockJob(Watchlist watchlist) {
        this.watchlist = watchlist;
    }

    @Override
    public void run(JobContext context) {
        Instant now = context.clock().instant();
        List<String> lines = List.of(TradingCalendars.nse(), TradingCalendars.bvmt()).stream()
                .map(cal -> describe(cal, now)).collect(Collectors.toList());
        context.summary(String.join("; ", lines) + "; watching " + watchlist.symbols());
    }

    private static String describe(TradingCalendar cal, Instant now) {
        return cal.isOpen(now)
                ? cal.code() + " open until " + cal.nextClose(now).toLocalTime()
                : cal.code() + " closed, opens " + cal.nextOpen(now).toLocalDateTime();
    }
}
