package io.tradingjobs.market.gaps;

import io.tradingjobs.core.calendar.Session;
import io.tradingjobs.core.calendar.TradingCalendar;
import io.tradingjobs.market.internal.MarketStore.Gap;
import io.tradingjobs.market.source.CandleInterval;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds missing candles by the trading calendar. Expected bars are the bar starts inside the
 * trading sessions (continuous and special) of trading days, ended before {@code now}; weekends,
 * holidays and the time outside sessions expect nothing. Sources leave out minutes without
 * trades, so inside a day that has candles only a run of at least {@code minRunMinutes} of
 * missing bars counts as a gap; a trading day with no candle at all is one gap; for daily candles
 * every missing trading day counts. Pure and thread-safe.
 */
public final class GapFinder {
    private final TradingCalendar calendar;
    private final int minRunMinutes;

    /**
     * @param calendar the exchange's calendar
     * @param minRunMinutes the shortest run of missing intraday bars, in minutes, that is a gap
     */
    public GapFinder(TradingCalendar calendar, int minRunMinutes) {
        this.calendar = calendar;
        this.minRunMinutes = minRunMinutes;
    }

    /**
     * The gaps of one instrument and interval between {@code from} and {@code to} (days in the
     * calendar's zone), given the stored bar starts.
     */
    public List<Gap> find(String key, CandleInterval interval, LocalDate from, LocalDate to, Instant now, Collection<Long> stored) {
        Set<Long> have = new HashSet<>(stored);
        List<Gap> gaps = new ArrayList<>();
        int minRun = Math.max(1, (int) Math.ceil(minRunMinutes / (double) interval.length().toMinutes()));
        List<Long> run = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (!calendar.isTradingDay(d)) {
                continue;
            }
            if (interval == CandleInterval.DAY) {
                ZonedDateTime close = calendar.close(d).orElse(null);
                if (close == null || close.toInstant().isAfter(now)) {
                    continue;
                }
                long t = d.atStartOfDay(calendar.zone()).toInstant().toEpochMilli();
                if (have.contains(t)) {
                    flush(gaps, key, interval, run, 1);
                } else {
                    run.add(t);
                }
                continue;
            }
            List<Long> expected = expectedBars(d, interval, now);
            if (expected.isEmpty()) {
                continue;
            }
            boolean anyStored = false;
            for (long t : expected) {
                anyStored |= have.contains(t);
            }
            if (!anyStored) {
                gaps.add(new Gap(key, interval, expected.get(0), expected.get(expected.size() - 1), expected.size(), "OPEN", 0));
                continue;
            }
            for (long t : expected) {
                if (have.contains(t)) {
                    flush(gaps, key, interval, run, minRun);
                } else {
                    run.add(t);
                }
            }
            flush(gaps, key, interval, run, minRun);
        }
        flush(gaps, key, interval, run, 1);
        return gaps;
    }

    private static void flush(List<Gap> gaps, String key, CandleInterval interval, List<Long> run, int minRun) {
        if (run.size() >= minRun && !run.isEmpty()) {
            gaps.add(new Gap(key, interval, run.get(0), run.get(run.size() - 1), run.size(), "OPEN", 0));
        }
        run.clear();
    }

    /** The bar starts of {@code day} inside trading sessions whose bar has ended by {@code now}. */
    public List<Long> expectedBars(LocalDate day, CandleInterval interval, Instant now) {
        List<Long> out = new ArrayList<>();
        long step = interval.length().toMillis();
        for (Session s : calendar.sessions(day)) {
            if (!s.kind().isTrading()) {
                continue;
            }
            long start = day.atTime(s.start()).atZone(calendar.zone()).toInstant().toEpochMilli();
            long end = day.atTime(s.end()).atZone(calendar.zone()).toInstant().toEpochMilli();
            for (long t = start; t + step <= end && t + step <= now.toEpochMilli(); t += step) {
                out.add(t);
            }
        }
        return out;
    }
}
