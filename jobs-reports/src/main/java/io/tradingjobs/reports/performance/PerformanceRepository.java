package io.tradingjobs.reports.performance;

import static io.tradingjobs.reports.internal.db.Tables.DAILY_PERFORMANCE;
import static io.tradingjobs.reports.internal.db.Tables.MONTHLY_PERFORMANCE;
import static io.tradingjobs.reports.internal.db.Tables.RISK_METRICS;
import static io.tradingjobs.reports.internal.db.Tables.STRATEGY_PERFORMANCE;

import java.math.BigDecimal;
import java.time.Instant;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** Writes a day's {@link PerformanceSnapshot}, replacing what an earlier run wrote for that day, in one transaction. */
final class PerformanceRepository {
    private final DSLContext dsl;

    PerformanceRepository(DSLContext dsl) {
        this.dsl = dsl;
    }

    void write(PerformanceSnapshot s, Instant computedAt) {
        String day = s.date().toString();
        long at = computedAt.toEpochMilli();
        dsl.transaction(cfg -> {
            DSLContext tx = DSL.using(cfg);
            PerformanceSnapshot.Daily d = s.daily();
            tx.deleteFrom(DAILY_PERFORMANCE).where(DAILY_PERFORMANCE.PERF_DATE.eq(day)).execute();
            tx.insertInto(DAILY_PERFORMANCE)
                    .set(DAILY_PERFORMANCE.PERF_DATE, day)
                    .set(DAILY_PERFORMANCE.REALIZED_PNL, text(d.realized()))
                    .set(DAILY_PERFORMANCE.UNREALIZED_PNL, text(d.unrealized()))
                    .set(DAILY_PERFORMANCE.FEES, text(d.fees()))
                    .set(DAILY_PERFORMANCE.DAY_PNL, text(d.dayPnl()))
                    .set(DAILY_PERFORMANCE.CUMULATIVE_PNL, text(d.cumulative()))
                    .set(DAILY_PERFORMANCE.EQUITY, text(d.equity()))
                    .set(DAILY_PERFORMANCE.DAILY_RETURN, finite(d.dailyReturn()))
                    .set(DAILY_PERFORMANCE.TRADES, d.fills())
                    .set(DAILY_PERFORMANCE.CLOSED_TRADES, d.closed().closedTrades())
                    .set(DAILY_PERFORMANCE.WINNING_TRADES, d.closed().wins())
                    .set(DAILY_PERFORMANCE.LOSING_TRADES, d.closed().losses())
                    .set(DAILY_PERFORMANCE.COMPUTED_AT, at)
                    .execute();

            PerformanceSnapshot.Monthly m = s.monthly();
            String month = m.month().toString();
            tx.deleteFrom(MONTHLY_PERFORMANCE).where(MONTHLY_PERFORMANCE.PERF_MONTH.eq(month)).execute();
            tx.insertInto(MONTHLY_PERFORMANCE)
                    .set(MONTHLY_PERFORMANCE.PERF_MONTH, month)
                    .set(MONTHLY_PERFORMANCE.MONTH_PNL, text(m.pnl()))
                    .set(MONTHLY_PERFORMANCE.MONTHLY_RETURN, finite(m.monthlyReturn()))
                    .set(MONTHLY_PERFORMANCE.TRADING_DAYS, m.tradingDays())
                    .set(MONTHLY_PERFORMANCE.CLOSED_TRADES, m.closed().closedTrades())
                    .set(MONTHLY_PERFORMANCE.WIN_RATE, finite(m.closed().winRate()))
                    .set(MONTHLY_PERFORMANCE.PROFIT_FACTOR, finite(m.closed().profitFactor()))
                    .set(MONTHLY_PERFORMANCE.BEST_DAY_PNL, text(m.bestDay()))
                    .set(MONTHLY_PERFORMANCE.WORST_DAY_PNL, text(m.worstDay()))
                    .set(MONTHLY_PERFORMANCE.MAX_DRAWDOWN, finite(m.maxDrawdown()))
                    .set(MONTHLY_PERFORMANCE.THROUGH_DATE, day)
                    .set(MONTHLY_PERFORMANCE.COMPUTED_AT, at)
                    .execute();

            PerformanceSnapshot.Risk r = s.risk();
            tx.deleteFrom(RISK_METRICS).where(RISK_METRICS.AS_OF_DATE.eq(day)).execute();
            tx.insertInto(RISK_METRICS)
                    .set(RISK_METRICS.AS_OF_DATE, day)
                    .set(RISK_METRICS.OBSERVATIONS, r.observations())
                    .set(RISK_METRICS.ANNUAL_RETURN, finite(r.annualReturn()))
                    .set(RISK_METRICS.ANNUAL_VOLATILITY, finite(r.annualVolatility()))
                    .set(RISK_METRICS.SHARPE, finite(r.sharpe()))
                    .set(RISK_METRICS.SORTINO, finite(r.sortino()))
                    .set(RISK_METRICS.MAX_DRAWDOWN, finite(r.maxDrawdown()))
                    .set(RISK_METRICS.CALMAR, finite(r.calmar()))
                    .set(RISK_METRICS.VAR_95, finite(r.var95()))
                    .set(RISK_METRICS.BENCHMARK, r.benchmark())
                    .set(RISK_METRICS.BENCHMARK_OBSERVATIONS, r.benchmarkObservations())
                    .set(RISK_METRICS.BETA, finite(r.beta()))
                    .set(RISK_METRICS.ALPHA, finite(r.alpha()))
                    .set(RISK_METRICS.COMPUTED_AT, at)
                    .execute();

            tx.deleteFrom(STRATEGY_PERFORMANCE).where(STRATEGY_PERFORMANCE.PERF_DATE.eq(day)).execute();
            for (PerformanceSnapshot.Strategy st : s.strategies()) {
                tx.insertInto(STRATEGY_PERFORMANCE)
                        .set(STRATEGY_PERFORMANCE.PERF_DATE, day)
                        .set(STRATEGY_PERFORMANCE.STRATEGY, st.name())
                        .set(STRATEGY_PERFORMANCE.DAY_PNL, text(st.dayPnl()))
                        .set(STRATEGY_PERFORMANCE.TOTAL_PNL, text(st.total()))
                        .set(STRATEGY_PERFORMANCE.REALIZED_PNL, text(st.realized()))
                        .set(STRATEGY_PERFORMANCE.UNREALIZED_PNL, text(st.unrealized()))
                        .set(STRATEGY_PERFORMANCE.FEES, text(st.fees()))
                        .set(STRATEGY_PERFORMANCE.TRADES, st.fills())
                        .set(STRATEGY_PERFORMANCE.CLOSED_TRADES, st.closed().closedTrades())
                        .set(STRATEGY_PERFORMANCE.WIN_RATE, finite(st.closed().winRate()))
                        .set(STRATEGY_PERFORMANCE.PROFIT_FACTOR, finite(st.closed().profitFactor()))
                        .set(STRATEGY_PERFORMANCE.AVERAGE_WIN, text(st.closed().averageWin()))
                        .set(STRATEGY_PERFORMANCE.AVERAGE_LOSS, text(st.closed().averageLoss()))
                        .set(STRATEGY_PERFORMANCE.EXPECTANCY, text(st.closed().expectancy()))
                        .set(STRATEGY_PERFORMANCE.SHARPE, finite(st.sharpe()))
                        .set(STRATEGY_PERFORMANCE.MAX_DRAWDOWN, finite(st.maxDrawdown()))
                        .set(STRATEGY_PERFORMANCE.COMPUTED_AT, at)
                        .execute();
            }
        });
    }

    /** Exact decimal text, or null. */
    static String text(BigDecimal v) {
        return v == null ? null : v.stripTrailingZeros().toPlainString();
    }

    /** NaN (undefined) is stored as NULL; infinities (a profit factor without losses) are stored as they are. */
    static Double finite(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
