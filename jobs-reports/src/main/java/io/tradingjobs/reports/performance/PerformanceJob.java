package io.tradingjobs.reports.performance;

import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.spi.Job;
import io.tradingjobs.core.spi.JobContext;
import io.tradingjobs.reports.internal.MarketTables;
import io.tradingjobs.reports.internal.ReportSettings;
import io.tradingjobs.reports.trades.Trade;
import io.tradingjobs.reports.trades.TradeSource;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.Optional;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import org.jooq.DSLContext;

/**
 * {@code reports.performance}: replays the trades into P&L marked to market with stored closes and
 * writes {@code daily_performance}, {@code monthly_performance} (month to date),
 * {@code risk_metrics} (with beta and alpha against {@code reports.benchmark-index}'s stored day
 * candles) and {@code strategy_performance} for the run's day (its scheduled date in
 * {@code reports.performance.timezone}). Idempotent: running a day again rewrites that day's rows.
 */
public final class PerformanceJob implements Job {
    private final DSLContext dsl;
    private final TradeSource trades;
    private final Config config;
    private final Clock clock;

    @Inject
    public PerformanceJob(DSLContext dsl, TradeSource trades, Config config, Clock clock) {
        this.dsl = dsl;
        this.trades = trades;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public void run(JobContext ctx) throws Exception {
        ReportSettings s = ReportSettings.read(config);
        LocalDate day = ctx.scheduledFireTime().atZone(s.performanceZone()).toLocalDate();
        ctx.summary(compute(day, s).orElse("no trades up to " + day + "; nothing to write"));
    }

    /**
     * Computes and writes {@code day} (also for the reports API).
     *
     * @return a one-line summary; empty when there is no trade up to that day
     */
    public Optional<String> compute(LocalDate day, ReportSettings s) throws Exception {
        ZoneId zone = s.performanceZone();
        List<Trade> list = trades.tradesBefore(day.plusDays(1).atStartOfDay(zone).toInstant());
        if (list.isEmpty()) {
            return Optional.empty();
        }
        Set<String> keys = new HashSet<>();
        list.forEach(t -> keys.add(t.symbol()));
        keys.add(s.benchmarkIndex());
        Map<String, NavigableMap<LocalDate, Double>> closes = MarketTables.dayCloses(dsl, keys, day, zone);
        NavigableMap<LocalDate, Double> bench = closes.getOrDefault(s.benchmarkIndex(), new TreeMap<>());
        Map<String, NavigableMap<LocalDate, Double>> marks = new TreeMap<>(closes);
        if (!list.stream().anyMatch(t -> t.symbol().equals(s.benchmarkIndex()))) {
            marks.remove(s.benchmarkIndex());
        }
        List<BookReplay.Day> days = BookReplay.replay(list, marks, day, zone);
        if (days.isEmpty()) {
            return Optional.empty();
        }
        PerformanceSnapshot snapshot = PerformanceSnapshot.compute(days, s.capital(), s.riskFreeRate(), s.lookbackDays(),
                s.benchmarkIndex(), bench);
        new PerformanceRepository(dsl).write(snapshot, clock.instant());
        return Optional.of(describe(snapshot));
    }

    private static String describe(PerformanceSnapshot s) {
        double sharpe = s.risk().sharpe();
        int days = s.risk().observations();
        // With fewer than two daily returns the ratio is undefined (NaN): say so, not "Sharpe NaN".
        String risk = Double.isFinite(sharpe) ? String.format(Locale.ROOT, "Sharpe %.2f over %d days", sharpe, days)
                : "Sharpe not yet defined (" + days + (days == 1 ? " day" : " days") + " of returns)";
        return String.format(Locale.ROOT, "%s: day P&L %s, equity %s, %d strateg%s, %s", s.date(),
                PerformanceRepository.text(s.daily().dayPnl()), PerformanceRepository.text(s.daily().equity().setScale(2,
                        java.math.RoundingMode.HALF_EVEN)), s.strategies().size(), s.strategies().size() == 1 ? "y" : "ies", risk);
    }

}
