package io.tradingjobs.reports.performance;

import io.tradingjobs.reports.metrics.PerformanceMetrics;
import io.tradingjobs.reports.metrics.TradeStatistics;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeSet;

/**
 * What the performance job writes for one day, computed from the replayed book: the day's row,
 * the month to date, the risk over the look-back and one row per strategy.
 */
record PerformanceSnapshot(LocalDate date, Daily daily, Monthly monthly, Risk risk, List<Strategy> strategies) {

    /** The book on the day. */
    record Daily(BigDecimal realized, BigDecimal unrealized, BigDecimal fees, BigDecimal dayPnl, BigDecimal cumulative,
                 BigDecimal equity, double dailyReturn, int fills, TradeStatistics closed) {
    }

    /** The month to date. */
    record Monthly(YearMonth month, BigDecimal pnl, double monthlyReturn, int tradingDays, TradeStatistics closed, BigDecimal bestDay,
                   BigDecimal worstDay, double maxDrawdown) {
    }

    /** Risk of the daily returns over the look-back. */
    record Risk(int observations, double annualReturn, double annualVolatility, double sharpe, double sortino, double maxDrawdown,
                double calmar, double var95, String benchmark, int benchmarkObservations, double beta, double alpha) {
    }

    /** One strategy, cumulative. */
    record Strategy(String name, BigDecimal dayPnl, BigDecimal total, BigDecimal realized, BigDecimal unrealized, BigDecimal fees,
                    int fills, TradeStatistics closed, double sharpe, double maxDrawdown) {
    }

    private static final MathContext RATIO = MathContext.DECIMAL64;

    /**
     * Computes the snapshot for the last day of {@code days}.
     *
     * @param benchmarkCloses the benchmark's day closes (may be empty: beta and alpha are then NaN)
     */
    static PerformanceSnapshot compute(List<BookReplay.Day> days, BigDecimal capital, double riskFreeRate, int lookback,
                                       String benchmark, NavigableMap<LocalDate, Double> benchmarkCloses) {
        int n = days.size();
        LocalDate date = days.get(n - 1).date();
        double rf = riskFreeRate / PerformanceMetrics.DAILY;

        // Book series.
        BigDecimal[] total = new BigDecimal[n];
        BigDecimal[] dayPnl = new BigDecimal[n];
        BigDecimal[] equityBefore = new BigDecimal[n];
        double[] returns = new double[n];
        BigDecimal prev = BigDecimal.ZERO;
        for (int i = 0; i < n; i++) {
            BigDecimal t = BigDecimal.ZERO;
            for (BookReplay.DayTotals s : days.get(i).byStrategy().values()) {
                t = t.add(s.total());
            }
            total[i] = t;
            dayPnl[i] = t.subtract(prev);
            equityBefore[i] = capital.add(prev);
            returns[i] = equityBefore[i].signum() <= 0 ? Double.NaN : dayPnl[i].divide(equityBefore[i], RATIO).doubleValue();
            prev = t;
        }

        BookReplay.Day last = days.get(n - 1);
        BigDecimal realized = BigDecimal.ZERO;
        BigDecimal unrealized = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        int fills = 0;
        List<BigDecimal> closedToday = new ArrayList<>();
        for (BookReplay.DayTotals s : last.byStrategy().values()) {
            realized = realized.add(s.realized());
            unrealized = unrealized.add(s.unrealized());
            fees = fees.add(s.fees());
            fills += s.fills();
            closedToday.addAll(s.closed());
        }
        Daily daily = new Daily(realized, unrealized, fees, dayPnl[n - 1], total[n - 1], capital.add(total[n - 1]), returns[n - 1], fills,
                TradeStatistics.of(closedToday));

        // Month to date.
        YearMonth month = YearMonth.from(date);
        int start = n - 1;
        while (start > 0 && YearMonth.from(days.get(start - 1).date()).equals(month)) {
            start--;
        }
        BigDecimal monthPnl = BigDecimal.ZERO;
        BigDecimal best = null;
        BigDecimal worst = null;
        List<BigDecimal> closedInMonth = new ArrayList<>();
        for (int i = start; i < n; i++) {
            monthPnl = monthPnl.add(dayPnl[i]);
            best = best == null || dayPnl[i].compareTo(best) > 0 ? dayPnl[i] : best;
            worst = worst == null || dayPnl[i].compareTo(worst) < 0 ? dayPnl[i] : worst;
            for (BookReplay.DayTotals s : days.get(i).byStrategy().values()) {
                closedInMonth.addAll(s.closed());
            }
        }
        double monthReturn = equityBefore[start].signum() <= 0 ? Double.NaN
                : capital.add(total[n - 1]).divide(equityBefore[start], RATIO).doubleValue() - 1;
        double[] monthReturns = java.util.Arrays.copyOfRange(returns, start, n);
        Monthly monthly = new Monthly(month, monthPnl, monthReturn, n - start, TradeStatistics.of(closedInMonth), best, worst,
                PerformanceMetrics.maxDrawdown(monthReturns));

        // Risk over the look-back.
        int from = Math.max(0, n - lookback);
        double[] window = java.util.Arrays.copyOfRange(returns, from, n);
        List<Double> mine = new ArrayList<>();
        List<Double> bench = new ArrayList<>();
        for (int i = from; i < n; i++) {
            LocalDate d = days.get(i).date();
            Double c = benchmarkCloses.get(d);
            Map.Entry<LocalDate, Double> before = benchmarkCloses.lowerEntry(d);
            if (c != null && before != null && before.getValue() != 0 && !Double.isNaN(returns[i])) {
                mine.add(returns[i]);
                bench.add(c / before.getValue() - 1);
            }
        }
        double[] r = mine.stream().mapToDouble(Double::doubleValue).toArray();
        double[] b = bench.stream().mapToDouble(Double::doubleValue).toArray();
        Risk risk = new Risk(window.length, PerformanceMetrics.annualReturn(window, PerformanceMetrics.DAILY),
                PerformanceMetrics.annualVolatility(window, PerformanceMetrics.DAILY),
                PerformanceMetrics.sharpe(window, rf, PerformanceMetrics.DAILY), PerformanceMetrics.sortino(window, rf, PerformanceMetrics.DAILY),
                PerformanceMetrics.maxDrawdown(window), PerformanceMetrics.calmar(window, PerformanceMetrics.DAILY),
                PerformanceMetrics.valueAtRisk(window, 0.05), benchmark, r.length, PerformanceMetrics.beta(r, b, rf),
                PerformanceMetrics.alpha(r, b, rf, PerformanceMetrics.DAILY));

        // Strategies: returns are their P&L over the book's equity of the day before (contribution).
        TreeSet<String> names = new TreeSet<>(last.byStrategy().keySet());
        List<Strategy> strategies = new ArrayList<>();
        for (String name : names) {
            double[] sr = new double[n - from];
            BigDecimal before = BigDecimal.ZERO;
            BigDecimal sDay = BigDecimal.ZERO;
            List<BigDecimal> closed = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                BookReplay.DayTotals t = days.get(i).byStrategy().get(name);
                BigDecimal now = t == null ? BigDecimal.ZERO : t.total();
                if (t != null) {
                    closed.addAll(t.closed());
                }
                sDay = now.subtract(before);
                if (i >= from) {
                    sr[i - from] = equityBefore[i].signum() <= 0 ? Double.NaN : sDay.divide(equityBefore[i], RATIO).doubleValue();
                }
                before = now;
            }
            BookReplay.DayTotals t = last.byStrategy().get(name);
            int strategyFills = 0;
            for (BookReplay.Day d : days) {
                BookReplay.DayTotals x = d.byStrategy().get(name);
                strategyFills += x == null ? 0 : x.fills();
            }
            strategies.add(new Strategy(name, sDay, t.total(), t.realized(), t.unrealized(), t.fees(), strategyFills,
                    TradeStatistics.of(closed), PerformanceMetrics.sharpe(sr, rf, PerformanceMetrics.DAILY), PerformanceMetrics.maxDrawdown(sr)));
        }
        return new PerformanceSnapshot(date, daily, monthly, risk, strategies);
    }
}
