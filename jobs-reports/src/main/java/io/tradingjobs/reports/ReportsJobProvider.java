package io.tradingjobs.reports;

import com.google.inject.AbstractModule;
import com.google.inject.Module;
import com.google.inject.multibindings.OptionalBinder;
import io.tradingjobs.core.config.Config;
import io.tradingjobs.core.ops.ReportsEndpoint;
import io.tradingjobs.core.spi.JobDefinition;
import io.tradingjobs.core.spi.JobProvider;
import io.tradingjobs.core.spi.RetryPolicy;
import io.tradingjobs.reports.api.ReportsApi;
import io.tradingjobs.reports.daily.DailyReportJob;
import io.tradingjobs.reports.internal.ReportSettings;
import io.tradingjobs.reports.performance.PerformanceJob;
import io.tradingjobs.reports.trades.TableTradeSource;
import io.tradingjobs.reports.trades.TradeSource;
import io.tradingjobs.reports.weekly.WeeklyReportJob;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Performance analytics and market reports:
 * <ul>
 *   <li>{@code reports.performance} ({@code daily at 16:00 on NSE trading days}): P&L, risk and
 *       per-strategy figures from the trades, into {@code daily_performance},
 *       {@code monthly_performance}, {@code risk_metrics} and {@code strategy_performance};</li>
 *   <li>{@code reports.daily} (18:00 Africa/Tunis, {@code DAILY_REPORT_TIME}): the HTML market report
 *       with charts, archived and e-mailed;</li>
 *   <li>{@code reports.weekly} (Friday 17:00 Africa/Tunis, {@code WEEKLY_REPORT_DAY},
 *       {@code WEEKLY_REPORT_TIME}): the weekly report.</li>
 * </ul>
 * Binds the {@link ReportsEndpoint} of {@code /api/reports} and a default {@link TradeSource}
 * (the {@code trades} table) that a host replaces with {@code OptionalBinder...setBinding()}.
 * Every setting is in {@link #defaults()}.
 */
public final class ReportsJobProvider implements JobProvider {
    /** Job id of the performance analytics. */
    public static final String PERFORMANCE = "reports.performance";
    /** Job id of the daily market report. */
    public static final String DAILY = "reports.daily";
    /** Job id of the weekly report. */
    public static final String WEEKLY = "reports.weekly";

    @Override
    public String name() {
        return "reports";
    }

    @Override
    public List<ProvidedJob> jobs(Config config) {
        ReportSettings.read(config); // a bad amount, zone or number fails the build, not the 2 a.m. run
        String zone = config.string("reports.market.timezone", "Africa/Tunis");
        LocalTime daily = time(config, "reports.daily.time", "18:00");
        LocalTime weekly = time(config, "reports.weekly.time", "17:00");
        DayOfWeek day = day(config.string("reports.weekly.day", "friday"));
        RetryPolicy retry = RetryPolicy.exponential(3, Duration.ofMinutes(1));
        return List.of(
                JobProvider.job(JobDefinition.builder(PERFORMANCE).name("Performance analytics")
                        .description("Daily P&L, win rate, profit factor, Sharpe, Sortino, max drawdown, VaR, beta and alpha vs "
                                + "NIFTY 50, per strategy, from the trades marked to market")
                        .schedule("daily at 16:00 on NSE trading days").retry(retry).timeout(Duration.ofMinutes(30)).build(),
                        PerformanceJob.class),
                JobProvider.job(JobDefinition.builder(DAILY).name("Daily market report")
                        .description("Market summary, sectors, movers, anomalies, sentiment and tomorrow's calendar with charts; "
                                + "archived and e-mailed to subscribers")
                        .schedule("daily at " + daily + " in " + zone).retry(retry).timeout(Duration.ofMinutes(10)).build(),
                        DailyReportJob.class),
                JobProvider.job(JobDefinition.builder(WEEKLY).name("Weekly performance report")
                        .description("Weekly performance, risk, rule-based outlook and notable events; archived and e-mailed")
                        .schedule("weekly on " + day.name().toLowerCase(Locale.ROOT) + " at " + weekly + " in " + zone).retry(retry)
                        .timeout(Duration.ofMinutes(10)).build(),
                        WeeklyReportJob.class));
    }

    @Override
    public Module module() {
        return new AbstractModule() {
            @Override
            protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), TradeSource.class).setDefault().to(TableTradeSource.class);
                bind(ReportsEndpoint.class).to(ReportsApi.class);
            }
        };
    }

    @Override
    public List<String> migrations() {
        return List.of("classpath:db/tradingjobs/reports/common");
    }

    @Override
    public Map<String, String> defaults() {
        return ReportSettings.DEFAULTS;
    }

    @Override
    public Map<String, String> environmentAliases() {
        return Map.of("DAILY_REPORT_TIME", "reports.daily.time",
                "WEEKLY_REPORT_DAY", "reports.weekly.day",
                "WEEKLY_REPORT_TIME", "reports.weekly.time");
    }

    private static LocalTime time(Config config, String key, String fallback) {
        String v = config.string(key, fallback).trim();
        try {
            return LocalTime.parse(v.length() == 4 ? "0" + v : v);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " is '" + v + "', not a time of day; write it as 18:00");
        }
    }

    private static DayOfWeek day(String v) {
        String d = v.trim().toUpperCase(Locale.ROOT);
        for (DayOfWeek w : DayOfWeek.values()) {
            if (w.name().equals(d) || w.name().substring(0, 3).equals(d)) {
                return w;
            }
        }
        throw new IllegalArgumentException("reports.weekly.day is '" + v + "', not a day; write it as friday (or fri)");
    }
}
